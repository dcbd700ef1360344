import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { DatasetsPage } from '@/components/datasets/datasets-page';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Datasets' };

export default function Page() {
  prefetch(trpc.datasets.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Datasets" description="Immutable dataset versions built from curated trajectories, exported as Axolotl-ready JSONL." />
      <Suspense>
        <DatasetsPage />
      </Suspense>
    </HydrateClient>
  );
}
