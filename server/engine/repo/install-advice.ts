// Turns an install command's output into specific, actionable advice. The sandbox has no
// network, so the most common failure is a dependency that must come from somewhere else.
export interface InstallAdvice {
  problem: string;
  suggestion: string;
}

const RULES: { re: RegExp; advice: (m: RegExpMatchArray) => InstallAdvice }[] = [
  {
    re: /No matching distribution found for ([^\s]+)/,
    advice: (m) => ({
      problem: `pip could not find ${m[1]}`,
      suggestion: `The sandbox has no internet access. Add "${m[1].replace(/[<>=!~].*/, '')}" to "Packages to skip" if the agent does not need it, or install from a local wheelhouse (pip install --no-index --find-links /path/to/wheels ...).`,
    }),
  },
  {
    re: /(Temporary failure in name resolution|Network is unreachable|Failed to establish a new connection|Could not fetch URL)/,
    advice: () => ({
      problem: 'The install tried to download packages',
      suggestion: 'Install commands run without network. Vendor the dependencies (a wheelhouse inside the repo, or --no-index --find-links), or list heavy optional ones under "Packages to skip".',
    }),
  },
  {
    re: /No module named (pip|venv|setuptools)/,
    advice: (m) => ({
      problem: `Python's ${m[1]} is missing in the sandbox`,
      suggestion: `Use a Python version whose ${m[1]} is installed on the worker hosts, or replace the command (e.g. "python -m compileall -q <package>" to check the code compiles).`,
    }),
  },
  {
    re: /ModuleNotFoundError: No module named '([^']+)'/,
    advice: (m) => ({
      problem: `Module ${m[1]} is not installed`,
      suggestion: `Add an install command that provides ${m[1]}, or add it to "Packages to skip" if it is optional.`,
    }),
  },
  {
    re: /(?:bash: (?:line \d+: )?)?([\w.-]+): command not found/,
    advice: (m) => ({ problem: `The command ${m[1]} does not exist in the sandbox`, suggestion: `Use a tool available on the worker hosts (python, pip, make…), or call it through python -m.` }),
  },
  {
    re: /error: subprocess-exited-with-error|Failed building wheel for ([^\s]+)/,
    advice: (m) => ({
      problem: m[1] ? `Building ${m[1]} failed` : 'Building a package failed',
      suggestion: 'A package needs a compiler or system library. Prefer prebuilt wheels, or skip the package if the agent does not need it.',
    }),
  },
];

export function adviseOnInstallFailure(output: string, timedOut = false): InstallAdvice {
  if (timedOut) return { problem: 'The command took too long', suggestion: 'Raise the timeout or split the install into smaller commands; check it is not waiting for input.' };
  for (const r of RULES) {
    const m = output.match(r.re);
    if (m) return r.advice(m);
  }
  const last = output.trim().split('\n').slice(-1)[0] ?? '';
  return { problem: last ? `The command failed: ${last.slice(0, 200)}` : 'The command failed without output', suggestion: 'Run it locally in a clean checkout to reproduce, then adjust the install commands.' };
}
