// Evaluation tasks mined from a repository's own history: commits after a cutoff that
// change both tests and code become SWE-bench-style instances. FAIL_TO_PASS / PASS_TO_PASS
// come from running the touched tests in the sandbox before and after the code change.
import { execFile } from 'node:child_process';
import { PYTHON } from '../repo/function-index';
import { createBubblewrapSandbox, prepareWorkspace, type Sandbox } from '../sandbox';
import { parsePytestSummary, type EvalInstance } from './resolve-instance';

const ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } as unknown as NodeJS.ProcessEnv;
const git = (cwd: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile('git', args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024 }, (e, out, err) => (e ? reject(new Error(err || e.message)) : resolve(out))),
  );

export interface MineCandidate {
  sha: string;
  parent: string;
  message: string;
  testFiles: string[];
  codeFiles: string[];
}

export async function findCandidates(repoDir: string, opts: { branch: string; since: Date; max?: number }): Promise<MineCandidate[]> {
  const log = await git(repoDir, ['log', '--first-parent', '--no-merges', `--since=${Math.floor(opts.since.getTime() / 1000)}`, '--format=%H%x09%P%x00%B%x00', `refs/heads/${opts.branch}`]);
  const parts = log.split('\0');
  const out: MineCandidate[] = [];
  for (let i = 0; i + 1 < parts.length && out.length < (opts.max ?? 50); i += 2) {
    const [sha, parents] = parts[i].trim().split('\t');
    if (!sha || !parents || parents.includes(' ')) continue;
    const files = (await git(repoDir, ['diff', '--name-only', parents, sha])).split('\n').filter(Boolean);
    const py = files.filter((f) => f.endsWith('.py'));
    const testFiles = py.filter((f) => PYTHON.isTestFile(f));
    const codeFiles = py.filter((f) => !PYTHON.isTestFile(f));
    if (testFiles.length && codeFiles.length) out.push({ sha, parent: parents, message: parts[i + 1].trim(), testFiles, codeFiles });
  }
  return out;
}

async function statuses(sandbox: Sandbox, testFiles: string[]) {
  const r = await sandbox.exec(`python -m pytest -rA -p no:cacheprovider -q ${testFiles.map((f) => `'${f.replace(/'/g, `'\\''`)}'`).join(' ')}`, { timeoutMs: 15 * 60_000 });
  return parsePytestSummary(`${r.stdout}\n${r.stderr}`);
}

/** Runs the candidate's tests at the parent with only the test change, then with the code change too. */
export async function mineInstance(repoDir: string, c: MineCandidate, opts: { workRoot: string; sandboxFor?: (dir: string) => Promise<Sandbox> }): Promise<EvalInstance | null> {
  const sandboxFor = opts.sandboxFor ?? ((dir: string) => createBubblewrapSandbox({ hostWorkdir: dir }));
  const testPatch = await git(repoDir, ['diff', c.parent, c.sha, '--', ...c.testFiles]);
  const codePatch = await git(repoDir, ['diff', c.parent, c.sha, '--', ...c.codeFiles]);
  const ws = await prepareWorkspace({ source: repoDir, commit: c.parent, workRoot: opts.workRoot, name: 'mine' });
  const sandbox = await sandboxFor(ws.dir);
  try {
    await sandbox.writeFile('/tmp/tests.diff', testPatch);
    if ((await sandbox.exec('git apply /tmp/tests.diff')).exitCode !== 0) return null;
    const before = await statuses(sandbox, c.testFiles);
    await sandbox.writeFile('/tmp/code.diff', codePatch);
    if ((await sandbox.exec('git apply /tmp/code.diff')).exitCode !== 0) return null;
    const after = await statuses(sandbox, c.testFiles);
    const failToPass = [...after].filter(([t, s]) => s === 'PASSED' && before.get(t) !== 'PASSED').map(([t]) => t);
    const passToPass = [...after].filter(([t, s]) => s === 'PASSED' && before.get(t) === 'PASSED').map(([t]) => t);
    if (!failToPass.length) return null;
    return {
      instance_id: `mined__${c.sha.slice(0, 10)}`,
      base_commit: c.parent,
      problem_statement: c.message,
      patch: codePatch,
      test_patch: testPatch,
      FAIL_TO_PASS: failToPass.sort(),
      PASS_TO_PASS: passToPass.sort(),
    };
  } finally {
    await sandbox.dispose();
    await ws.dispose();
  }
}
