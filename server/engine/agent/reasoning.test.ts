import { describe, it, expect } from 'vitest';
import { splitThink } from './reasoning';
import { parseRetryAfter } from './model-client';

describe('splitThink', () => {
  it('leaves plain text alone', () => {
    expect(splitThink('hello')).toEqual({ text: 'hello', reasoning: null });
    expect(splitThink(null)).toEqual({ text: null, reasoning: null });
  });
  it('extracts one or more think blocks', () => {
    expect(splitThink('<think> a </think>b')).toEqual({ text: 'b', reasoning: 'a' });
    expect(splitThink('<think>a</think>b<think>c</think>d')).toEqual({ text: 'bd', reasoning: 'a\n\nc' });
  });
  it('handles a reply that starts mid-thought and an unclosed block', () => {
    expect(splitThink('thinking...</think>answer')).toEqual({ text: 'answer', reasoning: 'thinking...' });
    expect(splitThink('x<think>cut off')).toEqual({ text: 'x', reasoning: 'cut off' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('garbage', 0)).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
  });
});
