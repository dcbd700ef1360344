import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Runs' };

export default function Page() {
  return (
    <>
      <PageHeader title="Runs" description="SVG generation jobs: rollout 1, synthetic PR, rollout 2 and soft verification, per shard." />
      <EmptyState title="No runs yet">Runs appear here once an approved plan is launched.</EmptyState>
    </>
  );
}
