// SERA paper, Appendix D (Table 15): prices used for its cost comparison.
export function paperPriceDefaults() {
  return [
    { kind: 'api', name: 'Claude Sonnet 3.7', provider: 'Anthropic', inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, gpuHourUsd: null },
    { kind: 'api', name: 'GLM-4.5-Air', provider: 'z.ai', inputPerMTok: 0.2, cachedInputPerMTok: 0.03, outputPerMTok: 1.1, gpuHourUsd: null },
    { kind: 'api', name: 'GLM-4.6', provider: 'z.ai', inputPerMTok: 0.6, cachedInputPerMTok: 0.11, outputPerMTok: 2.2, gpuHourUsd: null },
    { kind: 'gpu', name: 'H100 80GB', provider: 'self-hosted', inputPerMTok: null, cachedInputPerMTok: null, outputPerMTok: null, gpuHourUsd: 2 },
  ];
}
