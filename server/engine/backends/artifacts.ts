import { runChecked, type ShellExec } from './exec';
import { assertSafeRelativePath, shq } from './shell';
import type { Artifact } from './types';

/** Lists files under the spec's `outputs` (read from job.json) inside `<jobDir>/work`. */
export async function listArtifactsVia(exec: ShellExec, jobDir: string): Promise<Artifact[]> {
  const spec = JSON.parse((await runChecked(exec, `cat ${shq(`${jobDir}/job.json`)}`)).stdout) as { outputs?: string[] };
  const work = `${jobDir}/work`;
  const out: Artifact[] = [];
  for (const p of spec.outputs ?? []) {
    assertSafeRelativePath(p);
    const r = await exec.run(`cd ${shq(work)} && [ -e ${shq(p)} ] && find ${shq(p)} -type f -printf '%s %p\\n'`);
    for (const line of r.stdout.split('\n')) {
      const m = /^(\d+) (.+)$/.exec(line);
      if (m) out.push({ path: m[2].replace(/^\.\//, ''), size: Number(m[1]) });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export async function downloadVia(exec: ShellExec, jobDir: string, path: string): Promise<Buffer> {
  assertSafeRelativePath(path);
  return (await runChecked(exec, `cat -- ${shq(`${jobDir}/work/${path}`)}`)).stdoutBytes;
}
