import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Evaluations' };

export default function Page() {
  return (
    <>
      <PageHeader title="Evaluations" description="Resolve rate vs. training samples for each repository, with the teacher as reference." />
      <EmptyState title="No evaluations yet">Import a SWE-bench-format task set or mine tasks from your repository's history.</EmptyState>
    </>
  );
}
