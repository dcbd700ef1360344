'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { codeMapInput, environmentInput, filtersInput, snapshotInput, TEACHER_PRESETS, teacherInput } from '@/lib/schemas/repos';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import type { AppRouter } from '@/server/api/root';
import type { inferRouterOutputs } from '@trpc/server';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { Field, inputClass, Select } from '@/components/ui/field';
import { lines, saveValidated, validate } from './form-utils';
import { InstallCheck } from './install-check';

export type Repo = inferRouterOutputs<AppRouter>['repos']['get'];

function Textarea({ label, name, defaultValue, error, hint, rows = 3 }: { label: string; name: string; defaultValue?: string; error?: string; hint?: string; rows?: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <textarea id={name} name={name} rows={rows} defaultValue={defaultValue} className={inputClass + ' font-mono text-xs'} aria-invalid={error ? true : undefined} />
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-zinc-500">{hint}</p>
      ) : null}
    </div>
  );
}

function StepActions({ busy, onBack, label = 'Save and continue' }: { busy?: boolean; onBack?: () => void; label?: string }) {
  return (
    <div className="flex gap-2 pt-2">
      {onBack && (
        <Button type="button" variant="secondary" onClick={onBack}>
          Back
        </Button>
      )}
      <Button type="submit" busy={busy}>
        {label}
      </Button>
    </div>
  );
}

interface StepProps {
  repo: Repo;
  onSaved: () => void;
  onBack: () => void;
}

export function SnapshotStep({ repo, onSaved, onBack }: StepProps) {
  const trpc = useTRPC();
  const branches = useQuery(trpc.repos.branches.queryOptions({ repoId: repo.id }));
  const s = repo.settings.snapshot;
  const [mode, setMode] = useState<'auto' | 'pinned'>(s?.mode ?? 'auto');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(trpc.repos.saveSnapshot.mutationOptions());
  return (
    <form
      noValidate
      className="max-w-xl space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const { data, errors } = validate(snapshotInput, {
          repoId: repo.id,
          branch: f.get('branch'),
          mode,
          count: f.get('count') ?? undefined,
          lookbackDays: f.get('lookbackDays') ?? undefined,
          pinned: lines(f.get('pinned')),
        });
        if (await saveValidated({ data, errors }, setErrors, save.mutateAsync, fieldErrors)) onSaved();
      }}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Each chosen commit becomes a repository instance that functions are sampled from. By default Specialist spreads N commits evenly over a look-back window, as the SERA paper does.
      </p>
      {save.error && !Object.keys(errors).length && <Alert>{errorMessage(save.error)}</Alert>}
      {branches.error && <Alert>{errorMessage(branches.error)}</Alert>}
      <Select label="Branch" name="branch" defaultValue={s?.branch ?? repo.defaultBranch} error={errors.branch} key={branches.data?.branches.join()}>
        {(branches.data?.branches ?? [s?.branch ?? repo.defaultBranch]).map((b) => (
          <option key={b}>{b}</option>
        ))}
      </Select>
      <div className="flex gap-4 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="radio" checked={mode === 'auto'} onChange={() => setMode('auto')} /> Spread over a window
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" checked={mode === 'pinned'} onChange={() => setMode('pinned')} /> Pin commits
        </label>
      </div>
      {mode === 'auto' ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Commits" name="count" type="number" min={1} max={50} defaultValue={s?.count ?? 5} error={errors.count} />
          <Field label="Look-back (days)" name="lookbackDays" type="number" min={1} defaultValue={s?.lookbackDays ?? 365} error={errors.lookbackDays} />
        </div>
      ) : (
        <Textarea label="Commit hashes (one per line)" name="pinned" defaultValue={s?.pinned.join('\n')} error={errors.pinned} />
      )}
      {repo.snapshots.length > 0 && (
        <div className="text-sm">
          <div className="mb-1 font-medium">Current snapshot ({repo.snapshots.length} commits)</div>
          <ul className="space-y-0.5 font-mono text-xs" data-testid="snapshot-commits">
            {repo.snapshots.map((c) => (
              <li key={c.id}>
                {c.commitSha.slice(0, 10)} {c.committedAt ? new Date(c.committedAt).toISOString().slice(0, 10) : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <StepActions busy={save.isPending} onBack={onBack} />
    </form>
  );
}

export function CodeMapStep({ repo, onSaved, onBack }: StepProps) {
  const trpc = useTRPC();
  const c = repo.settings.codemap;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState({ include: c?.include ?? [], exclude: c?.exclude ?? [] });
  const map = useQuery(trpc.repos.codeMap.queryOptions({ repoId: repo.id, ...filters }));
  const save = useMutation(trpc.repos.saveCodeMap.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const read = () => {
    const f = new FormData(formRef.current!);
    return validate(codeMapInput, { repoId: repo.id, include: lines(f.get('include')), exclude: lines(f.get('exclude')) });
  };
  const m = map.data;
  return (
    <form
      ref={formRef}
      noValidate
      className="max-w-3xl space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const { data, errors } = read();
        if (await saveValidated({ data, errors }, setErrors, save.mutateAsync, fieldErrors)) onSaved();
      }}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Functions are sampled from the detected top-level package folders; tests, vendored, generated and documentation code are left out. Narrow or widen the selection with folders.
      </p>
      {save.error && !Object.keys(errors).length && <Alert>{errorMessage(save.error)}</Alert>}
      {map.error && <Alert>{errorMessage(map.error)}</Alert>}
      {map.isLoading && <p className="text-sm text-zinc-500">Reading the code at the newest snapshot commit…</p>}
      {m && (
        <div className="grid gap-4 rounded-md border border-zinc-200 p-3 text-sm md:grid-cols-2 dark:border-zinc-800" data-testid="code-map">
          <div>
            <div>
              Language: <strong>{m.language ?? 'not detected'}</strong> · {m.pythonFiles} .py files
            </div>
            <div>
              Package folders: <strong>{m.roots.length ? m.roots.join(', ') : 'none'}</strong>
            </div>
            <div>
              <strong data-testid="function-total">{m.total.toLocaleString()}</strong> functions in {m.files} files
            </div>
            <ul className="mt-2 space-y-0.5 text-xs">
              {m.perFolder.map((f) => (
                <li key={f.folder} className="flex justify-between gap-2">
                  <span className="font-mono">{f.folder}</span>
                  <span>{f.count}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <div className="mb-1 text-xs font-medium text-zinc-500">A sample of functions</div>
            <ul className="space-y-0.5 font-mono text-xs">
              {m.sample.map((f) => (
                <li key={f.id} className="truncate" title={f.id}>
                  {f.id} <span className="text-zinc-500">({f.lines} lines)</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Textarea label="Include folders (one per line, empty = auto-detected)" name="include" defaultValue={c?.include.join('\n')} error={errors.include} />
        <Textarea label="Exclude folders" name="exclude" defaultValue={c?.exclude.join('\n')} error={errors.exclude} />
      </div>
      <div className="flex gap-2 pt-2">
        <Button type="button" variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            const { data } = read();
            if (data) setFilters({ include: data.include, exclude: data.exclude });
          }}
        >
          Preview
        </Button>
        <Button type="submit" busy={save.isPending}>
          Save and continue
        </Button>
      </div>
    </form>
  );
}

export function EnvironmentStep({ repo, onSaved, onBack }: StepProps) {
  const trpc = useTRPC();
  const env = repo.settings.environment;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(trpc.repos.saveEnvironment.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const read = () => {
    const f = new FormData(formRef.current!);
    return validate(environmentInput, {
      repoId: repo.id,
      pythonVersion: f.get('pythonVersion'),
      installCommands: lines(f.get('installCommands')),
      testCommand: f.get('testCommand'),
      skipPackages: lines(f.get('skipPackages')),
    });
  };
  const persist = async () => {
    const { data, errors } = read();
    return saveValidated({ data, errors }, setErrors, save.mutateAsync, fieldErrors);
  };
  return (
    <form
      ref={formRef}
      noValidate
      className="max-w-2xl space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await persist()) onSaved();
      }}
    >
      {save.error && !Object.keys(errors).length && <Alert>{errorMessage(save.error)}</Alert>}
      <Field label="Python version" name="pythonVersion" defaultValue={env?.pythonVersion ?? '3.10'} error={errors.pythonVersion} />
      <Textarea label="Install commands (one per line, run in order)" name="installCommands" defaultValue={(env?.installCommands ?? ['python -m pip install -e .']).join('\n')} error={errors.installCommands} />
      <Field label="Test command" name="testCommand" defaultValue={env?.testCommand ?? 'python -m pytest -x -q'} error={errors.testCommand} />
      <Textarea label="Packages to skip (one per line)" name="skipPackages" defaultValue={env?.skipPackages.join('\n')} rows={2} error={errors.skipPackages} hint="Heavy or unavailable dependencies the agent does not need." />
      <InstallCheck repoId={repo.id} beforeStart={persist} />
      <StepActions busy={save.isPending} onBack={onBack} />
    </form>
  );
}

export function TeacherStep({ repo, onSaved, onBack }: StepProps) {
  const trpc = useTRPC();
  const t = repo.settings.teacher;
  const [preset, setPreset] = useState(t?.preset ?? 'vllm-glm-4.5-air');
  const p = TEACHER_PRESETS.find((x) => x.id === preset);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const check = useMutation(trpc.repos.checkTeacher.mutationOptions());
  const save = useMutation(trpc.repos.saveTeacher.mutationOptions());
  const result = save.data ?? check.data;
  const read = (form: HTMLFormElement) => {
    const f = new FormData(form);
    return validate(teacherInput, {
      repoId: repo.id,
      preset,
      baseUrl: f.get('baseUrl'),
      model: f.get('model'),
      apiKey: f.get('apiKey') || undefined,
      hosting: f.get('hosting'),
    });
  };
  return (
    <form
      noValidate
      className="max-w-xl space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const { data, errors } = read(e.currentTarget);
        if (await saveValidated({ data, errors }, setErrors, save.mutateAsync, fieldErrors)) onSaved();
      }}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">The teacher model writes the trajectories. It must be an OpenAI-compatible endpoint with native tool calling.</p>
      <Select label="Preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
        {TEACHER_PRESETS.map((x) => (
          <option key={x.id} value={x.id}>
            {x.label}
          </option>
        ))}
      </Select>
      <div key={preset} className="space-y-4">
        <Field label="Endpoint URL" name="baseUrl" defaultValue={t?.preset === preset ? t.baseUrl : p?.baseUrl} error={errors.baseUrl} />
        <Field label="Model" name="model" defaultValue={t?.preset === preset ? t.model : p?.model} error={errors.model} />
        <Field label="API key (optional for self-hosted)" name="apiKey" type="password" autoComplete="off" placeholder={repo.hasTeacherKey ? 'A key is stored; leave empty to keep it' : ''} error={errors.apiKey} />
        <Select label="Hosting" name="hosting" defaultValue={t?.hosting ?? p?.hosting}>
          <option value="self-hosted">Self-hosted (GPU-hours)</option>
          <option value="api">API (per token)</option>
        </Select>
      </div>
      {(check.error || save.error) && !Object.keys(errors).length && <Alert>{errorMessage(save.error ?? check.error)}</Alert>}
      {result && (
        <ul className="space-y-1 text-sm" data-testid="teacher-checks">
          {result.checks.map((c) => (
            <li key={c.name} className={c.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}>
              {c.ok ? '✓' : '✗'} {c.detail}
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2 pt-2">
        <Button type="button" variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button
          type="button"
          variant="secondary"
          busy={check.isPending}
          onClick={(e) => {
            const { data, errors } = read(e.currentTarget.form!);
            setErrors(errors);
            if (data) check.mutate(data);
          }}
        >
          Check
        </Button>
        <Button type="submit" busy={save.isPending}>
          Save and continue
        </Button>
      </div>
    </form>
  );
}

export function FiltersStep({ repo, onSaved, onBack }: StepProps) {
  const trpc = useTRPC();
  const v = repo.settings.filters;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(trpc.repos.saveFilters.mutationOptions());
  return (
    <form
      noValidate
      className="max-w-xl space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = Object.fromEntries(new FormData(e.currentTarget));
        const { data, errors } = validate(filtersInput, { repoId: repo.id, ...f });
        if (await saveValidated({ data, errors }, setErrors, save.mutateAsync, fieldErrors)) onSaved();
      }}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Defaults follow the paper: keep trajectories whose patch has at most 40 changed lines and whose tool outputs stay under 600 tokens.</p>
      {save.error && !Object.keys(errors).length && <Alert>{errorMessage(save.error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Recall threshold (0–1)" name="recallThreshold" type="number" step="0.05" min={0} max={1} defaultValue={v?.recallThreshold ?? 0.5} error={errors.recallThreshold} />
        <Field label="Share of T2 trajectories (0–1)" name="t2Share" type="number" step="0.05" min={0} max={1} defaultValue={v?.t2Share ?? 0.5} error={errors.t2Share} />
        <Field label="Max patch lines" name="maxPatchLines" type="number" min={1} defaultValue={v?.maxPatchLines ?? 40} error={errors.maxPatchLines} />
        <Field label="Max tool-output tokens" name="maxToolOutputTokens" type="number" min={1} defaultValue={v?.maxToolOutputTokens ?? 600} error={errors.maxToolOutputTokens} />
        <Field label="Target training samples" name="targetSamples" type="number" min={10} defaultValue={v?.targetSamples ?? 8000} error={errors.targetSamples} />
        <Field label="Context length (tokens)" name="contextLength" type="number" min={4096} defaultValue={v?.contextLength ?? 32768} error={errors.contextLength} />
      </div>
      <StepActions busy={save.isPending} onBack={onBack} />
    </form>
  );
}
