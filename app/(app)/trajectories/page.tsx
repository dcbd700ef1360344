import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Trajectories' };

export default function Page() {
  return (
    <>
      <PageHeader title="Trajectories" description="Browse, filter and curate generated and imported trajectories." />
      <EmptyState title="No trajectories yet">Generate trajectories with a run, or import SERA-format JSONL or SWE-agent .traj files.</EmptyState>
    </>
  );
}
