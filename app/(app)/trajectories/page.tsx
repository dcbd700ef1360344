import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { TrajectoryBrowser } from '@/components/trajectory/trajectory-browser';

export const metadata = { title: 'Trajectories' };

export default function TrajectoriesPage() {
  return (
    <>
      <PageHeader title="Trajectories" description="Generated T1/T2 trajectories with their recall, patch size and tokens." />
      <Suspense>
        <TrajectoryBrowser />
      </Suspense>
    </>
  );
}
