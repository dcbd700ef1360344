import { describe, expect, it } from 'vitest';
import { buildSearchText, searchTerms } from './search-text';

describe('trajectory search text', () => {
  it('joins instance id, PR text and non-system messages, keeping the PR once', () => {
    const s = buildSearchText({
      instanceId: 'calc_1',
      prText: 'Fix the parser',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Fix the parser' },
        { role: 'assistant', content: 'ls' },
        { role: 'user', content: 'OBSERVATION: setup.py' },
      ],
    });
    expect(s).toBe('calc_1\nFix the parser\nls\nOBSERVATION: setup.py');
  });

  it('caps the text so one huge observation cannot bloat the row', () => {
    const s = buildSearchText({ instanceId: 'x', messages: [{ role: 'user', content: 'a'.repeat(500) }, { role: 'user', content: 'never' }] }, 100);
    expect(s).toHaveLength(100);
    expect(s).not.toContain('never');
  });

  it('splits a query into distinct terms', () => {
    expect(searchTerms('  parser  overflow parser ')).toEqual(['parser', 'overflow']);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
  });
});
