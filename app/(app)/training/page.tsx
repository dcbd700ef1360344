import Link from 'next/link';
import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { TrainingList } from '@/components/training/training-list';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Training' };

export default function Page() {
  prefetch(trpc.training.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Training"
        description="Axolotl SFT runs from a dataset version, with live loss and checkpoints."
        actions={
          <Link href="/training/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">
            New training run
          </Link>
        }
      />
      <Suspense>
        <TrainingList />
      </Suspense>
    </HydrateClient>
  );
}
