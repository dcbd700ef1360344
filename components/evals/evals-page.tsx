'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { importResultsInput, importTaskSetInput, mineTaskSetInput, startEvalRunInput } from '@/lib/schemas/evals';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { EvalCurveChart } from '@/components/charts/eval-curve-chart';
import { Button } from '@/components/ui/button';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { Field, inputClass, Select } from '@/components/ui/field';

function useForm<T>(schema: { safeParse: (v: unknown) => { success: boolean; data?: T; error?: { issues: { path: PropertyKey[]; message: string }[] } } }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const parse = (v: unknown): T | null => {
    const r = schema.safeParse(v);
    if (r.success) {
      setErrors({});
      return r.data!;
    }
    setErrors(Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message])));
    return null;
  };
  return { errors, setErrors, parse };
}

function ImportTaskSet({ onDone }: { onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const repos = useQuery(trpc.repos.list.queryOptions());
  const f = useForm(importTaskSetInput);
  const [content, setContent] = useState('');
  const imp = useMutation(trpc.evals.importTaskSet.mutationOptions());
  return (
    <Card>
      <h2 className="mb-2 font-medium">Import a task set</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">SWE-bench format (instance_id, base_commit, problem_statement, patch, test_patch, FAIL_TO_PASS, PASS_TO_PASS), as a JSON array or JSON Lines.</p>
      <form
        className="space-y-3"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const fd = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
          const data = f.parse({ name: fd.name, repoId: fd.repoId, content });
          if (!data) return;
          try {
            const r = await imp.mutateAsync(data);
            onDone(r.id);
          } catch (err) {
            f.setErrors(fieldErrors(err));
          }
        }}
      >
        {imp.error && <Alert>{errorMessage(imp.error)}</Alert>}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Task set name" name="name" error={f.errors.name} />
          <Select label="Repository" name="repoId" error={f.errors.repoId}>
            {repos.data?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor="ts-content" className="block text-sm font-medium">
            Instances
          </label>
          <input
            type="file"
            accept=".json,.jsonl"
            aria-label="Instances file"
            className="text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setContent(await file.text());
            }}
          />
          <textarea id="ts-content" rows={4} value={content} onChange={(e) => setContent(e.target.value)} className={inputClass + ' font-mono text-xs'} placeholder='[{"instance_id": "...", ...}]' />
          {f.errors.content && (
            <p role="alert" className="text-xs text-red-600">
              {f.errors.content}
            </p>
          )}
        </div>
        <Button type="submit" busy={imp.isPending}>
          Import
        </Button>
      </form>
    </Card>
  );
}

function MineTaskSet({ onDone }: { onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const repos = useQuery(trpc.repos.list.queryOptions());
  const f = useForm(mineTaskSetInput);
  const mine = useMutation(trpc.evals.mineTaskSet.mutationOptions());
  return (
    <Card>
      <h2 className="mb-1 font-medium">Mine tasks from the repository&apos;s history</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Commits after the cutoff that change both tests and code; fail-to-pass tests are found by running them in the sandbox before and after the change. Pick a cutoff after your training snapshots to avoid contamination.</p>
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const data = f.parse(Object.fromEntries(new FormData(e.currentTarget)));
          if (!data) return;
          try {
            const r = await mine.mutateAsync(data);
            onDone(r.id);
          } catch (err) {
            f.setErrors(fieldErrors(err));
          }
        }}
      >
        <Field label="Task set name" name="name" error={f.errors.name} />
        <Select label="Repository" name="repoId" error={f.errors.repoId}>
          {repos.data?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
        <Field label="Changes after" name="since" type="date" error={f.errors.since} />
        <Field label="At most" name="max" type="number" defaultValue={30} error={f.errors.max} />
        <Button type="submit" busy={mine.isPending}>
          Mine tasks
        </Button>
      </form>
      {mine.isPending && <p className="mt-2 text-sm text-zinc-500">Running the tests of each candidate commit in the sandbox…</p>}
      {mine.error && !Object.keys(f.errors).length && (
        <div className="mt-3">
          <Alert>{errorMessage(mine.error)}</Alert>
        </div>
      )}
    </Card>
  );
}

function StartRun({ taskSetId }: { taskSetId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const f = useForm(startEvalRunInput);
  const start = useMutation(trpc.evals.start.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.evals.runs.queryKey({ taskSetId }) }) }));
  return (
    <form
      className="grid gap-3 sm:grid-cols-3"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const fd = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        const data = f.parse({ ...fd, taskSetId, apiKey: fd.apiKey || undefined, trainingSamples: fd.trainingSamples || undefined, isBaseline: fd.isBaseline === 'on' });
        if (!data) return;
        try {
          await start.mutateAsync(data);
        } catch (err) {
          f.setErrors(fieldErrors(err));
        }
      }}
    >
      {start.error && (
        <div className="sm:col-span-3">
          <Alert>{errorMessage(start.error)}</Alert>
        </div>
      )}
      <Field label="Series name" name="modelName" placeholder="specialist" error={f.errors.modelName} />
      <Field label="Endpoint URL" name="baseUrl" placeholder="http://gpu-box:8000/v1" error={f.errors.baseUrl} />
      <Field label="Model" name="model" error={f.errors.model} />
      <Field label="API key (optional)" name="apiKey" type="password" autoComplete="off" error={f.errors.apiKey} />
      <Field label="Training samples (empty for a reference model)" name="trainingSamples" type="number" error={f.errors.trainingSamples} />
      <Field label="Seeds" name="seeds" type="number" defaultValue={3} min={1} max={10} error={f.errors.seeds} hint="The paper averages 3 seeds" />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isBaseline" /> Reference line (teacher or public model)
      </label>
      <div className="sm:col-span-3">
        <Button type="submit" busy={start.isPending}>
          Start evaluation
        </Button>
      </div>
    </form>
  );
}

function ImportResults({ taskSetId }: { taskSetId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const f = useForm(importResultsInput);
  const [content, setContent] = useState('');
  const imp = useMutation(trpc.evals.importResults.mutationOptions({ onSuccess: () => qc.invalidateQueries() }));
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const fd = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
        const data = f.parse({ taskSetId, modelName: fd.modelName, trainingSamples: fd.trainingSamples || undefined, isBaseline: !fd.trainingSamples, content });
        if (!data) return;
        try {
          await imp.mutateAsync(data);
          setContent('');
        } catch (err) {
          f.setErrors(fieldErrors(err));
        }
      }}
    >
      {imp.error && <Alert>{errorMessage(imp.error)}</Alert>}
      {imp.data && (
        <Alert kind="success">
          Imported: {imp.data.resolved} of {imp.data.total} resolved.
        </Alert>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Baseline name" name="modelName" placeholder="GLM-4.6 (teacher)" error={f.errors.modelName} />
        <Field label="Training samples (empty = reference line)" name="trainingSamples" type="number" error={f.errors.trainingSamples} />
      </div>
      <textarea aria-label="Results JSON" rows={3} value={content} onChange={(e) => setContent(e.target.value)} className={inputClass + ' font-mono text-xs'} placeholder='{"resolved_ids": ["..."], "unresolved_ids": ["..."]}' />
      {f.errors.content && (
        <p role="alert" className="text-xs text-red-600">
          {f.errors.content}
        </p>
      )}
      <Button type="submit" variant="secondary" busy={imp.isPending}>
        Import results
      </Button>
    </form>
  );
}

function Contamination({ taskSetId }: { taskSetId: string }) {
  const trpc = useTRPC();
  const [on, setOn] = useState(false);
  const check = useQuery({ ...trpc.evals.contamination.queryOptions({ taskSetId }), enabled: on });
  return (
    <Card>
      <div className="flex items-center justify-between gap-3">
        <div>
          <h2 className="font-medium">Contamination check</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Flags training trajectories whose patches reproduce at least half of an evaluation task&apos;s gold changes.</p>
        </div>
        <Button variant="secondary" busy={check.isFetching} onClick={() => (on ? check.refetch() : setOn(true))}>
          Check
        </Button>
      </div>
      {check.data && (
        <div className="mt-3 text-sm" data-testid="contamination">
          {check.data.flagged.length ? (
            <ul className="space-y-1">
              {check.data.flagged.map((f) => (
                <li key={`${f.instanceId}-${f.trajectoryId}`}>
                  {f.instanceId}: <a className="text-brand-600 hover:underline" href={`/trajectories/${f.trajectoryId}`}>{f.stage} trajectory</a> shares {(100 * f.overlap).toFixed(0)}% of the gold changes
                </li>
              ))}
            </ul>
          ) : (
            <p>No overlap found across {check.data.checkedTrajectories} training trajectories and {check.data.instances} tasks.</p>
          )}
        </div>
      )}
    </Card>
  );
}

function TaskSetView({ taskSetId }: { taskSetId: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.org.me.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const runs = useQuery({
    ...trpc.evals.runs.queryOptions({ taskSetId }),
    refetchInterval: (q) => (q.state.data?.some((r) => r.state === 'queued' || r.state === 'running') ? 2000 : false),
  });
  const active = runs.data?.some((r) => r.state === 'queued' || r.state === 'running');
  const curve = useQuery({ ...trpc.evals.curves.queryOptions({ taskSetId }), refetchInterval: active ? 3000 : false });
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="mb-2 font-medium">Resolve rate vs. training samples</h2>
        {curve.data && (curve.data.series.length || curve.data.baselines.length) ? (
          <>
            <EvalCurveChart
              series={curve.data.series}
              baselines={curve.data.baselines}
              fits={curve.data.series.filter((s) => s.fit).map((s) => ({ name: s.name, points: s.fit!.line }))}
            />
            <ul className="mt-3 space-y-1 text-sm" data-testid="fit-summary">
              {curve.data.series.map((s) => (
                <li key={s.name}>
                  <strong>{s.name}</strong>:{' '}
                  {s.fit ? (
                    <>
                      y = {s.fit.a.toFixed(1)} − {s.fit.b.toFixed(2)}·x^(−{s.fit.c.toFixed(3)}), mean error {s.fit.mae.toFixed(2)} points
                      {s.fit.asymptoteAtBound && ' (asymptote not determined by these points)'}
                      {s.fit.target &&
                        (s.fit.target.samples === null
                          ? ` · ${s.fit.target.name} (${s.fit.target.rate.toFixed(1)}%) is above the fitted asymptote`
                          : ` · reaching ${s.fit.target.name} (${s.fit.target.rate.toFixed(1)}%) takes ≈${s.fit.target.samples.toLocaleString()} samples ≈ $${Math.round(s.fit.target.usd ?? 0).toLocaleString()} at $${s.fit.target.usdPerSample.toFixed(4)}/sample`)}
                    </>
                  ) : (
                    'evaluate at 3 or more sample sizes to fit a scaling curve'
                  )}
                  {s.snr && (
                    <span className={`ml-2 rounded px-1.5 text-xs ${s.snr.badge === 'high' ? 'bg-emerald-100 text-emerald-800' : s.snr.badge === 'moderate' ? 'bg-amber-100 text-amber-800' : 'bg-zinc-100 text-zinc-700'}`} title="difference to the best reference ÷ pooled std over seeds">
                      {s.snr.badge === 'too-few-seeds' ? 'fewer than 3 seeds: not conclusive' : `SNR ${Number.isFinite(s.snr.snr) ? s.snr.snr.toFixed(1) : '∞'} (${s.snr.badge})`}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-sm text-zinc-500">Finished runs appear here: one line per series, mean ± std over seeds, reference models as dashed lines.</p>
        )}
      </Card>
      <Card>
        <h2 className="mb-2 font-medium">Runs</h2>
        {!runs.data?.length ? (
          <p className="text-sm text-zinc-500">No runs yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="eval-runs">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1 font-medium">Series</th>
                <th className="py-1 font-medium">Samples</th>
                <th className="py-1 font-medium">Seed</th>
                <th className="py-1 font-medium">State</th>
                <th className="py-1 font-medium">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1.5">
                    {r.modelName}
                    {r.isBaseline && <span className="ml-1 text-xs text-zinc-500">(reference)</span>}
                  </td>
                  <td className="py-1.5">{r.trainingSamples?.toLocaleString() ?? '—'}</td>
                  <td className="py-1.5">{r.seed}</td>
                  <td className="py-1.5">{r.state}{r.error ? `: ${r.error}` : ''}</td>
                  <td className="py-1.5">
                    {r.resolved}/{r.done} of {r.total} ({r.done ? ((100 * r.resolved) / r.total).toFixed(1) : '0.0'}%)
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Contamination taskSetId={taskSetId} />
      {can(role, 'job:launch') && (
        <Card>
          <h2 className="mb-3 font-medium">New evaluation run</h2>
          <StartRun taskSetId={taskSetId} />
        </Card>
      )}
      {can(role, 'data:curate') && (
        <Card>
          <h2 className="mb-3 font-medium">Import external results</h2>
          <ImportResults taskSetId={taskSetId} />
        </Card>
      )}
    </div>
  );
}

export function EvalsPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const me = useQuery(trpc.org.me.queryOptions());
  const sets = useQuery(trpc.evals.taskSets.queryOptions());
  const selected = params.get('set') ?? sets.data?.[0]?.id ?? null;
  const canImport = can(me.data?.active?.role as Role | undefined, 'data:curate');
  const [showImport, setShowImport] = useState(false);
  const qc = useQueryClient();
  if (sets.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-3">
        {!!sets.data?.length && (
          <Select label="Task set" value={selected ?? ''} onChange={(e) => router.push(`${pathname}?set=${e.target.value}`)}>
            {sets.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.instanceCount} tasks, {s.repository?.name ?? 'no repo'})
              </option>
            ))}
          </Select>
        )}
        {canImport && (
          <Button variant="secondary" onClick={() => setShowImport((v) => !v)}>
            {showImport ? 'Close import' : 'Import a task set'}
          </Button>
        )}
      </div>
      {(showImport || (!sets.data?.length && canImport)) && (
        <MineTaskSet
          onDone={async (id) => {
            setShowImport(false);
            await qc.invalidateQueries({ queryKey: trpc.evals.taskSets.queryKey() });
            router.push(`${pathname}?set=${id}`);
          }}
        />
      )}
      {(showImport || (!sets.data?.length && canImport)) && (
        <ImportTaskSet
          onDone={async (id) => {
            setShowImport(false);
            await qc.invalidateQueries({ queryKey: trpc.evals.taskSets.queryKey() });
            router.push(`${pathname}?set=${id}`);
          }}
        />
      )}
      {!sets.data?.length && !canImport && <EmptyState title="No task sets yet">An engineer or lead can import SWE-bench-format tasks for a repository.</EmptyState>}
      {selected && <TaskSetView taskSetId={selected} key={selected} />}
    </div>
  );
}
