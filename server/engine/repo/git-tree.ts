// Reading a commit's files straight from git (a bare mirror or a local repository)
// without checking anything out: `ls-tree` for names, one `cat-file --batch` for contents.
import { spawn, execFile } from 'node:child_process';

const ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } as unknown as NodeJS.ProcessEnv;

export function listTreeFiles(repoDir: string, commit: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('git', ['ls-tree', '-r', '-z', '--name-only', commit], { cwd: repoDir, env: ENV, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ls-tree failed: ${stderr.trim() || err.message}`));
      else resolve(stdout.split('\0').filter(Boolean));
    });
  });
}

/** Contents of many files at one commit, in one git process. Missing files map to null. */
export function readTreeFiles(repoDir: string, commit: string, files: string[]): Promise<Map<string, string | null>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repoDir, env: ENV });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim()}`));
      const buf = Buffer.concat(chunks);
      const out = new Map<string, string | null>();
      let pos = 0;
      for (const f of files) {
        const nl = buf.indexOf(10, pos);
        const header = buf.subarray(pos, nl).toString();
        pos = nl + 1;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          out.set(f, null);
          continue;
        }
        const size = Number(header.split(' ')[2]);
        out.set(f, buf.subarray(pos, pos + size).toString('utf8'));
        pos += size + 1;
      }
      resolve(out);
    });
    child.stdin.end(files.map((f) => `${commit}:${f}`).join('\n') + (files.length ? '\n' : ''));
  });
}

/** Longer commit messages (often merged PR descriptions) to use as demonstration PRs. */
export function recentDescriptions(repoDir: string, opts: { max?: number; minLength?: number } = {}): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('git', ['log', '--all', '--format=%B%x00', '-n', '1000'], { cwd: repoDir, env: ENV, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve([]);
      const min = opts.minLength ?? 200;
      resolve(
        stdout
          .split('\0')
          .map((s) => s.trim())
          .filter((s) => s.length >= min && s.length <= 8000)
          .slice(0, opts.max ?? 50),
      );
    });
  });
}
