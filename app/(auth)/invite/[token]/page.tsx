import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { AcceptInvite } from '@/components/auth/accept-invite';
import { getSessionUserId } from '@/server/auth';

export const metadata = { title: 'Invitation' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await getSessionUserId())) redirect(`/signup?invite=${encodeURIComponent(token)}`);
  return (
    <AuthCard title="Join an organization">
      <AcceptInvite token={token} />
    </AuthCard>
  );
}
