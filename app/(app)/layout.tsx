import { redirect } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { getSessionUserId } from '@/server/auth';
import { getQueryClient, HydrateClient, trpc } from '@/server/api/rsc';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  if (!(await getSessionUserId())) redirect('/signin');
  // Awaited (one small query): streamed instead, it often arrived before hydration, so the
  // browser's first render showed the user where the server had rendered "…", and React threw
  // the server HTML away and rendered the whole page again (a hydration mismatch, React #418).
  await getQueryClient().prefetchQuery(trpc.org.me.queryOptions());
  return (
    <HydrateClient queries={[trpc.org.me.queryKey()]}>
      <AppShell>{children}</AppShell>
    </HydrateClient>
  );
}
