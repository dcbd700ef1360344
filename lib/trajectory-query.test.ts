import { describe, expect, it } from 'vitest';
import { parseSelection, selectionQuery } from './trajectory-query';

describe('trajectory selection in the URL', () => {
  it('round-trips filters and sort, dropping invalid values', () => {
    const s = parseSelection(new URLSearchParams('stage=T2&minRecall=0.5&included=false&q=parser&sort=recall&dir=asc&minPatchLines=-3&verification=bogus&page=2'));
    expect(s).toEqual({ filter: { stage: 'T2', minRecall: 0.5, included: false, q: 'parser' }, sort: 'recall', dir: 'asc' });
    expect(selectionQuery(s)).toBe('stage=T2&minRecall=0.5&included=false&q=parser&sort=recall&dir=asc');
  });

  it('omits the default sort and unknown sort columns fall back to it', () => {
    const s = parseSelection(new URLSearchParams('sort=hacked&dir=sideways&label=good'));
    expect(s.sort).toBe('createdAt');
    expect(s.dir).toBe('desc');
    expect(selectionQuery(s)).toBe('label=good');
  });
});
