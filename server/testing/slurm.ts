// Test helper: a private single-node Slurm 22.05 cluster (slurmctld + slurmd + munged) with
// two fake GPUs, all state in a temp dir, random ports, and its own munge socket so it
// neither needs nor disturbs a system munged. Recipe: ../shared/ENVIRONMENT-probes.md §1.
// Every daemon is stopped by the PID it wrote.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './sshd';

const BINARIES = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch', '/usr/bin/squeue', '/usr/bin/scontrol'];

export interface TestSlurm {
  dir: string;
  /** Path of slurm.conf: every Slurm command must run with SLURM_CONF set to it. */
  slurmConf: string;
  /** Environment to pass to backends/commands (`SLURM_CONF`). */
  env: Record<string, string>;
  /** A directory jobs may write to. */
  jobsDir: string;
  gpus: number;
  stop(): Promise<void>;
}

/** Why Slurm cannot run here, or undefined. Tests skip with this message only. */
export function slurmUnavailableReason(): string | undefined {
  const missing = BINARIES.filter((b) => !existsSync(b));
  if (missing.length) return `Slurm not installed (missing ${missing.join(', ')}; apt-get install slurmctld slurmd slurm-client munge)`;
  if (!existsSync('/etc/munge/munge.key')) return '/etc/munge/munge.key missing (reinstall munge)';
  if (process.getuid?.() !== 0) return 'the test cluster runs its daemons as root';
  return undefined;
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function readPid(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTestSlurm(opts: { gpus?: number; cpus?: number } = {}): Promise<TestSlurm> {
  const why = slurmUnavailableReason();
  if (why) throw new Error(why);
  const gpus = opts.gpus ?? 2;
  const cpus = opts.cpus ?? 8;
  const S = mkdtempSync(path.join(tmpdir(), 'specialist-slurm-'));
  chmodSync(S, 0o755);
  for (const d of ['etc', 'state', 'spool', 'log', 'run', 'jobs', 'munge']) mkdirSync(path.join(S, d));
  const mungeUid = uidOf('munge');
  chownSync(path.join(S, 'munge'), mungeUid, Number(execFileSync('id', ['-g', 'munge'], { encoding: 'utf8' }).trim()));
  chmodSync(path.join(S, 'munge'), 0o755);
  // Fake GPUs must be character devices or slurmd drops them (probes §1).
  const devs: string[] = [];
  for (let i = 0; i < gpus; i++) {
    const f = path.join(S, `fakegpu${i}`);
    execFileSync('mknod', [f, 'c', '1', '3']);
    devs.push(f);
  }
  const mungeSocket = path.join(S, 'munge', 'munge.socket');
  const mungePid = path.join(S, 'munge', 'munged.pid');
  execFileSync('runuser', [
    '-u', 'munge', '--', '/usr/sbin/munged',
    `--socket=${mungeSocket}`, `--pid-file=${mungePid}`,
    `--log-file=${path.join(S, 'munge', 'munged.log')}`, `--seed-file=${path.join(S, 'munge', 'munged.seed')}`,
  ]);
  const ctldPort = await freePort();
  const dPort = await freePort();
  const conf = path.join(S, 'etc', 'slurm.conf');
  writeFileSync(
    conf,
    `ClusterName=spec${process.pid}
SlurmctldHost=localhost
SlurmctldPort=${ctldPort}
SlurmdPort=${dPort}
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${mungeSocket}
StateSaveLocation=${S}/state
SlurmdSpoolDir=${S}/spool
SlurmctldPidFile=${S}/run/slurmctld.pid
SlurmdPidFile=${S}/run/slurmd.pid
SlurmctldLogFile=${S}/log/slurmctld.log
SlurmdLogFile=${S}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=bf_interval=1
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${S}/log/jobcomp.txt
MpiDefault=none
ReturnToService=2
MinJobAge=300
KillWait=2
GresTypes=gpu
SlurmdParameters=config_overrides
NodeName=localhost NodeHostname=localhost CPUs=${cpus} RealMemory=16000 Gres=gpu:${gpus} State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
`,
  );
  writeFileSync(path.join(S, 'etc', 'gres.conf'), `AutoDetect=off\nNodeName=localhost Name=gpu File=${devs.join(',')}\n`);
  const env = { ...process.env, SLURM_CONF: conf };

  const stop = async () => {
    for (const f of [`${S}/run/slurmd.pid`, `${S}/run/slurmctld.pid`, mungePid]) {
      const pid = readPid(f);
      if (pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* gone */
        }
      }
    }
    // slurmd's job steps may still hold files briefly; removal is best effort.
    await sleep(200);
    rmSync(S, { recursive: true, force: true });
  };

  try {
    execFileSync('/usr/sbin/slurmctld', [], { env });
    execFileSync('/usr/sbin/slurmd', ['-N', 'localhost'], { env });
    const t0 = Date.now();
    for (;;) {
      const r = spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' });
      if (r.stdout?.split('\n').includes('idle')) break;
      if (Date.now() - t0 > 30_000) {
        const log = readFileSync(`${S}/log/slurmctld.log`, 'utf8').slice(-2000);
        throw new Error(`Slurm node did not become idle in 30 s: ${r.stdout} ${r.stderr}\n${log}`);
      }
      await sleep(200);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { dir: S, slurmConf: conf, env: { SLURM_CONF: conf }, jobsDir: path.join(S, 'jobs'), gpus, stop };
}
