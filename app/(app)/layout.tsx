import { redirect } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { getSessionUserId } from '@/server/auth';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  if (!(await getSessionUserId())) redirect('/signin');
  prefetch(trpc.org.me.queryOptions());
  return (
    <HydrateClient>
      <AppShell>{children}</AppShell>
    </HydrateClient>
  );
}
