import { PAPER_PRICES } from '../engine/cost';

/** Catalog rows for a new org: the SERA paper's Appendix D prices. */
export function paperPriceDefaults() {
  return PAPER_PRICES.map((p) => ({
    kind: p.kind,
    name: p.name,
    provider: p.provider,
    inputPerMTok: p.kind === 'api' ? p.inputPerMTok : null,
    cachedInputPerMTok: p.kind === 'api' ? p.cachedInputPerMTok : null,
    outputPerMTok: p.kind === 'api' ? p.outputPerMTok : null,
    gpuHourUsd: p.kind === 'gpu' ? p.gpuHourUsd : null,
  }));
}
