import { RepoDetail } from '@/components/repos/repo-detail';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Repository' };

export default async function RepoPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  prefetch(trpc.repos.get.queryOptions({ repoId: id }));
  return (
    <HydrateClient>
      <RepoDetail repoId={id} />
    </HydrateClient>
  );
}
