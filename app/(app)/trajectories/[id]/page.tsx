import { TrajectoryViewer } from '@/components/trajectory/trajectory-viewer';
import { getQueryClient, HydrateClient, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Trajectory' };

export default async function TrajectoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const qc = getQueryClient();
  // Awaited (a DB row and a blob read, tens of ms): the steps are then in the server-rendered
  // HTML and hydrate in place, instead of the page arriving as "Loading…" and rendering them
  // only once the data has streamed in. Token counts come separately (runs.trajectoryTokens).
  const options = trpc.runs.trajectory.queryOptions({ id });
  await qc.prefetchQuery(options);
  // A long rollout's step bodies (most of its bytes) are not awaited: they stream at the end of
  // this same response, after the headers the page renders and hydrates with, so opening a step
  // needs no second round trip to a possibly busy server.
  if (qc.getQueryData(options.queryKey)?.timeline.bodies === null) void qc.prefetchQuery(trpc.runs.trajectorySteps.queryOptions({ id }));
  return (
    <HydrateClient>
      <TrajectoryViewer id={id} />
    </HydrateClient>
  );
}
