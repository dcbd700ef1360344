import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { EvalsPage } from '@/components/evals/evals-page';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Evaluations' };

export default function Page() {
  prefetch(trpc.evals.taskSets.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Evaluations" description="Resolve rate against training samples for your repository, with the teacher and public models as reference lines (as in the SERA paper)." />
      <Suspense>
        <EvalsPage />
      </Suspense>
    </HydrateClient>
  );
}
