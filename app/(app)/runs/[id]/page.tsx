import { RunDetail } from '@/components/runs/run-detail';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Run' };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  prefetch(trpc.runs.job.queryOptions({ jobId: id }));
  return (
    <HydrateClient>
      <RunDetail jobId={id} />
    </HydrateClient>
  );
}
