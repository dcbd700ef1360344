/** SWE-agent's `execution_timeout` in e2e.yaml (seconds → ms). */
export const DEFAULT_EXEC_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 10 * 1024 * 1024;
export const SANDBOX_PATH = '/opt/specialist/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Environment SWE-agent sets for non-interactive tools, plus a fixed PATH. */
export function baseEnv(workdir: string, home: string): Record<string, string> {
  return {
    PATH: SANDBOX_PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    ROOT: workdir,
    PAGER: 'cat',
    MANPAGER: 'cat',
    GIT_PAGER: 'cat',
    LESS: '-R',
    PIP_PROGRESS_BAR: 'off',
    TQDM_DISABLE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
