import { PageHeader } from '@/components/ui/card';
import { RunsList } from '@/components/runs/runs-list';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Runs' };

export default function RunsPage() {
  prefetch(trpc.runs.jobs.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Runs" description="Generation, evaluation and install-check jobs with their progress and spend." />
      <RunsList />
    </HydrateClient>
  );
}
