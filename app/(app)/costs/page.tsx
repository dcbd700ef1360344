import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { PlansPanel } from '@/components/plans/plans-panel';
import { PriceCatalog } from '@/components/plans/price-catalog';
import { ScenarioCompare } from '@/components/plans/scenario-compare';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Costs' };

export default function CostsPage() {
  prefetch(trpc.plans.list.queryOptions());
  prefetch(trpc.prices.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Costs and plans" description="Cost estimates for generation and training, and the plans awaiting approval. Only approved plans can launch." />
      <Suspense>
        <PlansPanel />
      </Suspense>
      <div className="mt-8">
        <ScenarioCompare />
      </div>
      <div className="mt-8">
        <PriceCatalog />
      </div>
    </HydrateClient>
  );
}
