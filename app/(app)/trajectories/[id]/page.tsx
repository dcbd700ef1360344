import { TrajectoryViewer } from '@/components/trajectory/trajectory-viewer';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Trajectory' };

export default async function TrajectoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  prefetch(trpc.runs.trajectory.queryOptions({ id }));
  return (
    <HydrateClient>
      <TrajectoryViewer id={id} />
    </HydrateClient>
  );
}
