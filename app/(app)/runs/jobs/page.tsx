import { JobsTable } from '@/components/jobs/jobs-table';
import { PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <PageHeader title="Jobs" description="Every compute job of this organization: its state at the backend, attempts, progress and log." />
      <JobsTable />
    </>
  );
}
