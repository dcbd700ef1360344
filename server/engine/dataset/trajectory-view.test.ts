import { describe, expect, it } from 'vitest';
import { trajectoryView } from './trajectory-view';

describe('trajectoryView', () => {
  it('takes PR, request, patch and matched/missed lines from a generation record, not the messages', () => {
    const body = {
      record: { pr: 'Fix total()', instruction: 'total() is off', matched: ['+a', 3], missed: ['-b'] },
      trajectory: { patch: '+a\n-b', rowError: null, row: { messages: [{ role: 'user', content: 'long task', train: false }], instance_id: 'x', tool_json: [] } },
    };
    const v = trajectoryView(body as never);
    expect(v).toEqual({ pr: 'Fix total()', instruction: 'total() is off', patch: '+a\n-b', matched: ['+a'], missed: ['-b'], rowError: null });
    expect(JSON.stringify(v)).not.toContain('long task');
  });
  it('reads imported rows: PR is the first user message, patch from the metadata, no marks', () => {
    const v = trajectoryView({ imported: { messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'the task' }], metadata: { patch: 'diff' } } } as never);
    expect(v).toEqual({ pr: 'the task', instruction: null, patch: 'diff', matched: [], missed: [], rowError: null });
  });
  it('keeps why a body is not a training row, and tolerates a body without a record', () => {
    expect(trajectoryView({ trajectory: { row: null, rowError: 'exit status exit_cost is not submitted' } })).toMatchObject({ pr: null, patch: '', matched: [], rowError: 'exit status exit_cost is not submitted' });
  });
});
