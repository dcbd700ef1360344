import { TrajectoryViewer } from '@/components/trajectory/trajectory-viewer';
import { getQueryClient, HydrateClient, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Trajectory' };

export default async function TrajectoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Awaited (a DB row and a blob read, tens of ms): the steps are then in the server-rendered
  // HTML and hydrate in place, instead of the page arriving as "Loading…" and rendering them
  // only once the data has streamed in. Token counts come separately (runs.trajectoryTokens).
  await getQueryClient().prefetchQuery(trpc.runs.trajectory.queryOptions({ id }));
  return (
    <HydrateClient>
      <TrajectoryViewer id={id} />
    </HydrateClient>
  );
}
