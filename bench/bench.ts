export interface BenchRow {
  bench?: string;
  metric: string;
  value: number | string;
  unit: string;
  /** Human-readable target, e.g. "<= 100 ms". */
  target?: string;
  /** Whether the target was met (undefined when there is no target). */
  ok?: boolean;
}

export interface Bench {
  run(opts: { short: boolean }): Promise<BenchRow[]>;
}
