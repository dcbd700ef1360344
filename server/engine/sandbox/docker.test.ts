import { describe, it, expect } from 'vitest';
import { buildDockerImage, createDockerSandbox, dockerfileFor, type DockerRunner } from './docker';
import type { ExecResult } from './types';

// No Docker engine exists on this machine, so these tests drive the provider with a FAKE
// docker CLI runner that records argv and answers like the real CLI would.

function fakeDocker(answer: (args: string[], stdin?: string) => Partial<ExecResult> = () => ({})) {
  const calls: { args: string[]; stdin?: string; timeoutMs: number }[] = [];
  const run: DockerRunner = async (_file, args, opts) => {
    calls.push({ args, stdin: opts.stdin, timeoutMs: opts.timeoutMs });
    return { stdout: '', stderr: '', exitCode: 0, timedOut: false, truncated: false, durationMs: 5, ...answer(args, opts.stdin) };
  };
  return { run, calls };
}

describe('docker sandbox (fake docker CLI)', () => {
  it('starts a locked-down container with the repo at /testbed', async () => {
    const d = fakeDocker();
    const sb = await createDockerSandbox({ image: 'specialist/calckit:abc', hostWorkdir: '/work/ws/repo', memory: '4g', cpus: 2 }, d);
    const run = d.calls[0].args;
    expect(run.slice(0, 2)).toEqual(['run', '--detach']);
    const pairs = (flag: string) => run.flatMap((a, i) => (a === flag ? [run[i + 1]] : []));
    expect(pairs('--network')).toEqual(['none']);
    expect(pairs('--cap-drop')).toEqual(['ALL']);
    expect(pairs('--security-opt')).toEqual(['no-new-privileges']);
    expect(pairs('--user')).toEqual(['65534:65534']);
    expect(pairs('--volume')).toEqual(['/work/ws/repo:/testbed']);
    expect(pairs('--memory')).toEqual(['4g']);
    expect(pairs('--cpus')).toEqual(['2']);
    expect(run.slice(-2)).toEqual(['specialist/calckit:abc', 'infinity']);
    expect(sb.workdir).toBe('/testbed');
    const name = pairs('--name')[0];
    await sb.dispose();
    expect(d.calls.at(-1)!.args).toEqual(['rm', '--force', name]);
  });

  it('runs commands with docker exec under an in-container kill timeout and reports timeouts', async () => {
    const d = fakeDocker((args) => (args.includes('sleep 500') ? { exitCode: 137, durationMs: 2000 } : args[0] === 'exec' ? { stdout: 'hi\n' } : {}));
    const sb = await createDockerSandbox({ image: 'img', hostWorkdir: '/w' }, d);
    const ok = await sb.exec('echo hi', { timeoutMs: 30_000, cwd: '/testbed/pkg', env: { FOO: 'bar' } });
    expect(ok.stdout).toBe('hi\n');
    const exec = d.calls[1].args;
    expect(exec.slice(0, 4)).toEqual(['exec', '--interactive', '--workdir', '/testbed/pkg']);
    expect(exec).toContain('FOO=bar');
    expect(exec.slice(-6)).toEqual(['timeout', '--signal=KILL', '30s', 'bash', '-c', 'echo hi']);
    const slow = await sb.exec('sleep 500', { timeoutMs: 2000 });
    expect(slow.timedOut).toBe(true);
    expect(slow.exitCode).toBeNull();
  });

  it('reads and writes files inside the container', async () => {
    const files = new Map<string, string>();
    const d = fakeDocker((args, stdin) => {
      const i = args.indexOf('timeout');
      const argv = i >= 0 ? args.slice(i + 3) : [];
      if (argv[0] === 'cat') return files.has(argv[2]) ? { stdout: files.get(argv[2]) } : { exitCode: 1, stderr: `cat: ${argv[2]}: No such file or directory` };
      if (argv[0] === 'sh' && argv[2] === 'cat > "$1"') {
        files.set(argv[4], stdin ?? '');
        return {};
      }
      return {};
    });
    const sb = await createDockerSandbox({ image: 'img', hostWorkdir: '/w' }, d);
    await sb.writeFile('/testbed/a.py', 'x = 1\n');
    expect(await sb.readFile('/testbed/a.py')).toBe('x = 1\n');
    await expect(sb.readFile('/testbed/b.py')).rejects.toThrow(/No such file/);
  });

  it('fails clearly when the container cannot start', async () => {
    const d = fakeDocker(() => ({ exitCode: 125, stderr: 'Unable to find image' }));
    await expect(createDockerSandbox({ image: 'nope', hostWorkdir: '/w' }, d)).rejects.toThrow(/could not start a container from nope: Unable to find image/);
  });
});

describe('docker image for a repo', () => {
  it('writes a Dockerfile from the Python version and install commands', () => {
    expect(dockerfileFor({ pythonVersion: '3.11', installCommands: ['pip install -e .[test]'] })).toBe(
      'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nWORKDIR /testbed\nCOPY . /testbed\nRUN pip install -e .[test]\nRUN python -m pip install pytest\n',
    );
    expect(dockerfileFor()).toContain('FROM python:3.10-slim\n');
    expect(dockerfileFor()).toContain('RUN python -m pip install -e .\n');
  });

  it('builds with the Dockerfile on stdin and reports the log tail on failure', async () => {
    const d = fakeDocker();
    await buildDockerImage({ contextDir: '/w/repo', tag: 't:1', dockerfile: 'FROM x\n' }, d);
    expect(d.calls[0].args).toEqual(['build', '--tag', 't:1', '--file', '-', '/w/repo']);
    expect(d.calls[0].stdin).toBe('FROM x\n');
    const bad = fakeDocker(() => ({ exitCode: 1, stderr: 'step 3 failed\nERROR: pip' }));
    await expect(buildDockerImage({ contextDir: '/w', tag: 't', dockerfile: '' }, bad)).rejects.toThrow(/docker build of t failed:\n[\s\S]*ERROR: pip/);
  });
});
