export * from './schemas';
export * from './imported-trajectory';
export { ImportError, fromSeraRow, fromSweAgentTraj, fromSpecialistTrajectory, normalizeAny } from './normalize';
export * from './import-jsonl';
export * from './import-traj';
export * from './sera-row-fixture';
