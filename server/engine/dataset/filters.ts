// The paper's quality filters as presets (SERA-PIPELINE-FACTS §8.3, §6).
export interface TrajectoryStats {
  recall: number | null;
  patchLines: number;
  toolOutputTokensPerTurn: number;
  truncationRatio: number;
}

export interface FilterSettings {
  recallThreshold: number;
  maxPatchLines: number;
  maxToolOutputTokens: number;
  minTruncationRatio: number;
}

export const PAPER_FILTERS: FilterSettings = { recallThreshold: 0.5, maxPatchLines: 40, maxToolOutputTokens: 600, minTruncationRatio: 0 };

export function passes(s: TrajectoryStats, f: FilterSettings): { ok: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (s.recall === null || s.recall < f.recallThreshold) reasons.push(`recall ${s.recall === null ? 'undefined' : s.recall.toFixed(2)} < ${f.recallThreshold}`);
  if (s.patchLines > f.maxPatchLines) reasons.push(`patch has ${s.patchLines} changed lines > ${f.maxPatchLines}`);
  if (s.toolOutputTokensPerTurn > f.maxToolOutputTokens) reasons.push(`tool output ${Math.round(s.toolOutputTokensPerTurn)} tokens/turn > ${f.maxToolOutputTokens}`);
  if (s.truncationRatio < f.minTruncationRatio) reasons.push(`truncation ratio ${s.truncationRatio.toFixed(2)} < ${f.minTruncationRatio}`);
  return { ok: reasons.length === 0, reasons };
}

export function describeFilters(f: FilterSettings): string[] {
  return [
    `recall ≥ ${f.recallThreshold}`,
    `patch ≤ ${f.maxPatchLines} changed lines`,
    `tool output ≤ ${f.maxToolOutputTokens} tokens per turn`,
    ...(f.minTruncationRatio > 0 ? [`truncation ratio ≥ ${f.minTruncationRatio}`] : []),
  ];
}
