// Format detection, whole JSON documents (SWE-agent .traj, arrays) and our own export lines.
import { describe, expect, it } from 'vitest';
import { detectFileKind, fromSpecialistExport, importJsonDocument, makeExportedPair, makeSeraRow, normalizeAny, PAIR_MATCHED, PAIR_MISSED, type ImportResult } from './index';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('detectFileKind', () => {
  it('uses the PAR1 magic over the name, documents for .traj, JSON lines otherwise', () => {
    expect(detectFileKind('rows.jsonl', bytes('PAR1\u0015\u0004'))).toBe('parquet');
    expect(detectFileKind('train-00000-of-00001.parquet', bytes('PAR1'))).toBe('parquet');
    expect(detectFileKind('x/django_1.traj', bytes('{\n  "history": ['))).toBe('json-document');
    expect(detectFileKind('a.json', bytes('{\n  "history": ['))).toBe('json-document');
    expect(detectFileKind('a.json', bytes('[{"messages": []}]'))).toBe('json-document');
    expect(detectFileKind('a.json', bytes('{"messages": [1]}'))).toBe('json-document');
    expect(detectFileKind('a.json', bytes('{"a": 1}\n{"a": 2}\n'))).toBe('jsonl');
    expect(detectFileKind('rows.jsonl', bytes('{"a": 1}\n'))).toBe('jsonl');
  });
});

describe('importJsonDocument', () => {
  it('reads a pretty-printed SWE-agent .traj whole: id from the file name, exit status and submission', () => {
    const traj = { history: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'fix' }], info: { exit_status: 'submitted', submission: 'diff --git a/a b/a\n+x\n' } };
    const [r, ...rest] = [...importJsonDocument(JSON.stringify(traj, null, 2), 'run/calc_1/calc_1.traj')];
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ line: 1, ok: true, record: { format: 'swe-agent-traj', instanceId: 'calc_1', metadata: { exitStatus: 'submitted', patch: 'diff --git a/a b/a\n+x\n' } } });
  });

  it('numbers the records of an array and reports bad ones while the rest import', () => {
    const res = [...importJsonDocument(JSON.stringify([makeSeraRow(1), { nope: 1 }, makeSeraRow(2)]), 'rows.json')];
    expect(res.map((r) => [r.line, r.ok])).toEqual([[1, true], [2, false], [3, true]]);
    expect([...importJsonDocument('{"history": [', 'a.traj')]).toMatchObject([{ line: 1, ok: false, error: expect.stringMatching(/^invalid JSON/) }]);
  });
});

describe('our own export lines', () => {
  it('restore the columns, the body verbatim and the lineage key, keyed by the source content hash', () => {
    const [t1, t2] = makeExportedPair(1);
    const a = normalizeAny(JSON.parse(JSON.stringify(t1)));
    const b = fromSpecialistExport(JSON.parse(JSON.stringify(t2)));
    expect(a).toMatchObject({ format: 'specialist-export', contentHash: t1.key, exported: { parentKey: null, columns: { stage: 'T1', recall: null } } });
    expect(b.exported).toMatchObject({ key: t2.key, parentKey: t1.key, columns: { stage: 'T2', recall: 0.6, verification: 'soft', patchLines: 4, seedFile: 'calc/ops.py' } });
    expect(b.exported!.body).toEqual(t2.body);
    expect((b.exported!.body.record as { matched: string[]; missed: string[] })).toMatchObject({ matched: PAIR_MATCHED, missed: PAIR_MISSED });
    expect(b.messages).toHaveLength(4);
    expect(b.metadata.patch).toContain('+    return sum(list(xs))');
  });

  it('rejects a line whose body the viewer could not render, naming the field', () => {
    const [, t2] = makeExportedPair(2);
    const bad = { ...t2, body: { record: { matched: 'all' }, trajectory: { patch: 1 } } };
    expect(() => normalizeAny(bad)).toThrow(/not a Specialist export line: body: body must be a generated record/);
    expect(() => normalizeAny({ ...t2, stage: 'T3' })).toThrow(/stage/);
    expect(() => normalizeAny({ ...t2, key: 'short' })).toThrow(/key/);
  });

  it('re-exports an imported SERA row (body {imported}) as a line that imports again', () => {
    const sera = normalizeAny(makeSeraRow(3));
    const line = { format: 'specialist-export', exportVersion: 1, key: sera.contentHash, instanceId: sera.instanceId, stage: 'T2', body: { imported: sera } };
    const r: ImportResult = { line: 1, ok: true, record: normalizeAny(line) };
    expect(r.ok && r.record.messages).toEqual(sera.messages);
    expect(r.ok && r.record.exported?.columns).toMatchObject({ included: true, labels: [], recall: null });
  });
});
