import { JobDetail } from '@/components/jobs/job-detail';
import { PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Job' };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <PageHeader title="Job" description="State, backend handle and live log." />
      <JobDetail id={id} />
    </>
  );
}
