import { Suspense } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { listSsoProviders } from '@/server/auth';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <AuthCard title="Sign in to your workspace">
      <Suspense>
        <SignInForm sso={listSsoProviders()} />
      </Suspense>
    </AuthCard>
  );
}
