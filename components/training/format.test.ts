import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, isActive } from './format';

describe('training formatting', () => {
  it('formats durations and sizes', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(125)).toBe('2m 5s');
    expect(formatDuration(3 * 3600 + 61)).toBe('3h 1m');
    expect(formatDuration(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(16.4 * 1024 ** 3)).toBe('16.4 GiB');
  });
  it('treats queued/submitting/running as active', () => {
    expect(['queued', 'submitting', 'running', 'succeeded', 'cancelled'].map(isActive)).toEqual([true, true, true, false, false]);
  });
});
