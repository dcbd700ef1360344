import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Datasets' };

export default function Page() {
  return (
    <>
      <PageHeader title="Datasets" description="Immutable dataset versions built from curated trajectories, exportable for Axolotl." />
      <EmptyState title="No datasets yet">Create a dataset from a filtered trajectory selection.</EmptyState>
    </>
  );
}
