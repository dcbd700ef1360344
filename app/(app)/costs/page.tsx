import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Costs' };

export default function Page() {
  return (
    <>
      <PageHeader title="Costs" description="Price catalog, cost estimates and plans awaiting approval." />
      <EmptyState title="No plans yet">Plans with their cost estimates appear here for a lead to approve.</EmptyState>
    </>
  );
}
