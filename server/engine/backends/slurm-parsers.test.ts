import { describe, expect, it } from 'vitest';
import {
  expandTaskRange,
  mapSlurmState,
  parseSacct,
  parseSbatchParsable,
  parseScontrolJobs,
  parseSinfoGres,
  parseSqueue,
} from './slurm-parsers';

describe('slurm parsers', () => {
  it('parses sbatch --parsable with and without a cluster name', () => {
    expect(parseSbatchParsable('123\n')).toBe('123');
    expect(parseSbatchParsable('4567;gpu-cluster\n')).toBe('4567');
    expect(() => parseSbatchParsable('sbatch: error: Batch job submission failed')).toThrow(/unexpected/);
  });

  it('expands array task ranges incl. steps and throttles', () => {
    expect(expandTaskRange('5')).toEqual([5]);
    expect(expandTaskRange('0-3')).toEqual([0, 1, 2, 3]);
    expect(expandTaskRange('1,3,5-6')).toEqual([1, 3, 5, 6]);
    expect(expandTaskRange('0-15:5%2')).toEqual([0, 5, 10, 15]);
  });

  it('parses squeue array tasks, pending ranges and plain jobs', () => {
    const out = '17_0|RUNNING|None\n17_1|PENDING|Resources\n17_[2-3]|PENDING|Priority\n18|PENDING|(null)\n';
    expect(parseSqueue(out)).toEqual([
      { jobId: '17', task: 0, state: 'RUNNING', reason: 'None' },
      { jobId: '17', task: 1, state: 'PENDING', reason: 'Resources' },
      { jobId: '17', task: 2, state: 'PENDING', reason: 'Priority' },
      { jobId: '17', task: 3, state: 'PENDING', reason: 'Priority' },
      { jobId: '18', task: undefined, state: 'PENDING', reason: '(null)' },
    ]);
  });

  it('parses sacct -P -n with steps, "CANCELLED by 0", TIMEOUT, OUT_OF_MEMORY, NODE_FAIL', () => {
    // Sample in the shape sacct -P -n -o JobID,State,ExitCode prints (Slurm 22.05 man page / probes §1).
    const out = [
      '31_0|COMPLETED|0:0',
      '31_0.batch|COMPLETED|0:0',
      '31_0.extern|COMPLETED|0:0',
      '31_1|CANCELLED by 0|0:15',
      '31_1.batch|CANCELLED|0:15',
      '31_2|TIMEOUT|0:0',
      '31_3|OUT_OF_MEMORY|0:125',
      '31_4|NODE_FAIL|1:0',
      '31_5|FAILED|2:0',
      '31_[6-7]|PENDING|0:0',
      '',
    ].join('\n');
    const recs = parseSacct(out);
    expect(recs.map((r) => [r.task, r.state, r.exitCode, r.signal])).toEqual([
      [0, 'COMPLETED', 0, 0],
      [1, 'CANCELLED', 0, 15],
      [2, 'TIMEOUT', 0, 0],
      [3, 'OUT_OF_MEMORY', 0, 125],
      [4, 'NODE_FAIL', 1, 0],
      [5, 'FAILED', 2, 0],
      [6, 'PENDING', 0, 0],
      [7, 'PENDING', 0, 0],
    ]);
    expect(recs[1].reason).toBe('by 0');
  });

  it('parses scontrol show job -o records, including a pending array remainder', () => {
    // Lines captured from the single-node Slurm 22.05 used by the int test (trimmed).
    const out = [
      'JobId=1 ArrayJobId=1 ArrayTaskId=2-3 JobName=wrap UserId=root(0) JobState=PENDING Reason=Resources Dependency=(null) ExitCode=0:0 RunTime=00:00:00',
      'JobId=2 ArrayJobId=1 ArrayTaskId=0 JobName=wrap UserId=root(0) JobState=COMPLETED Reason=None Dependency=(null) ExitCode=0:0',
      'JobId=3 ArrayJobId=1 ArrayTaskId=1 JobName=wrap JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0',
      'JobId=9 JobName=plain JobState=CANCELLED Reason=None ExitCode=0:15',
    ].join('\n');
    expect(parseScontrolJobs(out)).toEqual([
      { jobId: '1', task: 2, state: 'PENDING', reason: 'Resources', exitCode: 0, signal: 0 },
      { jobId: '1', task: 3, state: 'PENDING', reason: 'Resources', exitCode: 0, signal: 0 },
      { jobId: '1', task: 0, state: 'COMPLETED', reason: undefined, exitCode: 0, signal: 0 },
      { jobId: '1', task: 1, state: 'FAILED', reason: 'NonZeroExitCode', exitCode: 3, signal: 0 },
      { jobId: '9', task: undefined, state: 'CANCELLED', reason: undefined, exitCode: 0, signal: 15 },
    ]);
  });

  it('maps Slurm states to backend states', () => {
    expect(mapSlurmState('PENDING').state).toBe('queued');
    expect(mapSlurmState('COMPLETING').state).toBe('running');
    expect(mapSlurmState('COMPLETED').state).toBe('succeeded');
    expect(mapSlurmState('CANCELLED').state).toBe('cancelled');
    expect(mapSlurmState('TIMEOUT')).toEqual({ state: 'failed', reason: 'time limit exceeded' });
    expect(mapSlurmState('OUT_OF_MEMORY')).toEqual({ state: 'failed', reason: 'out of memory' });
    expect(mapSlurmState('NODE_FAIL')).toEqual({ state: 'failed', reason: 'node failure' });
    expect(mapSlurmState('WEIRD').state).toBe('unknown');
  });

  it('reads GPU types and counts from sinfo %G', () => {
    expect(parseSinfoGres('gpu:2\n')).toEqual({ gpuTypes: [], maxGpus: 2 });
    expect(parseSinfoGres('gpu:h100:8(S:0-1)\ngpu:a100:4,shard:8\n(null)\n')).toEqual({ gpuTypes: ['a100', 'h100'], maxGpus: 8 });
  });
});
