import { Suspense } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <AuthCard title="Sign in to your workspace">
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthCard>
  );
}
