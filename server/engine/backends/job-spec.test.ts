import { describe, expect, it } from 'vitest';
import { parseJobSpec } from './job-spec';

describe('JobSpec schema', () => {
  it('fills defaults', () => {
    expect(parseJobSpec({ name: 'x', command: { argv: ['true'] } })).toEqual({
      name: 'x',
      gpus: 0,
      cpus: 1,
      env: {},
      secrets: {},
      command: { argv: ['true'] },
      shards: 1,
      outputs: [],
    });
  });

  it('rejects unknown keys, bad env names, reserved shard variables and empty commands', () => {
    expect(() => parseJobSpec({ name: 'x', command: { argv: ['true'] }, gpu: 1 })).toThrow();
    expect(() => parseJobSpec({ name: 'x', command: { argv: ['true'] }, env: { 'BAD-NAME': '1' } })).toThrow();
    expect(() => parseJobSpec({ name: 'x', command: { argv: ['true'] }, env: { SHARD_INDEX: '3' } })).toThrow(/set by the backend/);
    expect(() => parseJobSpec({ name: 'x', command: { argv: [] } })).toThrow();
    expect(() => parseJobSpec({ name: 'x', command: { argv: ['true'] }, shards: 0 })).toThrow();
  });
});
