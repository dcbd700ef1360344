import { AuthCard } from '@/components/auth/auth-card';
import { SignUpForm } from '@/components/auth/sign-up-form';

export const metadata = { title: 'Create account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  return (
    <AuthCard title={invite ? 'Accept your invitation' : 'Create your account and organization'}>
      <SignUpForm inviteToken={invite} />
    </AuthCard>
  );
}
