import { PageHeader } from '@/components/ui/card';
import { RepoList } from '@/components/repos/repo-list';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Repositories' };

export default function ReposPage() {
  prefetch(trpc.repos.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Repositories" description="Connect a private repository, map its code and configure how it installs." />
      <RepoList />
    </HydrateClient>
  );
}
