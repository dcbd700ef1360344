'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { launchTrainingInput, trainingConfigInput } from '@/lib/schemas/training';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { Field, Select } from '@/components/ui/field';

const NUMBER_FIELDS = [
  ['numEpochs', 'Epochs'],
  ['learningRate', 'Learning rate'],
  ['weightDecay', 'Weight decay'],
  ['sequenceLen', 'Sequence length (tokens)'],
  ['microBatchSize', 'Micro batch size'],
  ['gradientAccumulationSteps', 'Gradient accumulation steps'],
  ['warmupRatio', 'Warmup ratio'],
  ['gpus', 'GPUs'],
] as const;

type Values = Record<string, string>;

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));

function toConfig(v: Values) {
  return {
    presetId: v.presetId,
    baseModel: v.baseModel ?? '',
    ...Object.fromEntries(NUMBER_FIELDS.map(([k]) => [k, num(v[k])])),
    saveStrategy: v.saveStrategy,
    ...(v.saveStrategy === 'steps' ? { saveSteps: num(v.saveSteps) } : {}),
  };
}

export function NewTrainingForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.org.me.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const presets = useQuery(trpc.training.presets.queryOptions());
  const versions = useQuery(trpc.training.datasetVersions.queryOptions());
  const backends = useQuery(trpc.backends.list.queryOptions());
  const launch = useMutation(trpc.training.launch.mutationOptions());
  const qc = useQueryClient();
  const snapshot = useMutation(trpc.training.snapshotDataset.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.training.datasetVersions.queryKey() }) }));
  const [v, setV] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  // start from the first preset; choosing another preset resets the fields to its values
  const applyPreset = (id: string, keepEdits = false) => {
    const p = presets.data?.find((x) => x.id === id);
    if (!p) return;
    const fields = Object.fromEntries(Object.entries(p.form).map(([k, val]) => [k, String(val)]));
    // the first fill must not overwrite what was typed while presets were loading
    setV((old) => (keepEdits ? { ...fields, ...old } : { ...old, ...fields }));
  };
  useEffect(() => {
    if (presets.data && !v.presetId) applyPreset(presets.data[0]!.id, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presets.data]);
  useEffect(() => {
    if (versions.data?.[0] && !v.datasetVersionId) setV((o) => ({ ...o, datasetVersionId: versions.data![0]!.id }));
  }, [versions.data, v.datasetVersionId]);

  const parsedConfig = useMemo(() => trainingConfigInput.safeParse(toConfig(v)), [v]);
  const preview = useQuery({ ...trpc.training.preview.queryOptions({ config: parsedConfig.success ? parsedConfig.data : (undefined as never) }), enabled: parsedConfig.success });
  const configErrors = parsedConfig.success ? {} : Object.fromEntries(parsedConfig.error.issues.map((i) => [String(i.path[0]), i.message]));

  if (versions.data && versions.data.length === 0)
    return (
      <EmptyState
        title="No dataset versions yet"
        action={
          <Button busy={snapshot.isPending} onClick={() => snapshot.mutate({ name: 'All included trajectories' })}>
            Snapshot included trajectories
          </Button>
        }
      >
        Create a dataset version on the Datasets page, or snapshot every included trajectory as one.
        {snapshot.error && <Alert>{errorMessage(snapshot.error)}</Alert>}
      </EmptyState>
    );
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV((o) => ({ ...o, [k]: e.target.value }));
  const shown = (k: string) => errors[k] ?? (v[k] !== undefined ? configErrors[k] : undefined);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const r = launchTrainingInput.safeParse({
          name: v.name ?? '',
          datasetVersionId: v.datasetVersionId ?? '',
          ...(v.backendId ? { backendId: v.backendId } : {}),
          config: toConfig(v),
          launcher: v.launcher || 'axolotl',
          ...(v.trainerCommand?.trim() ? { trainerCommand: v.trainerCommand } : {}),
        });
        if (!r.success) {
          setErrors(Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] === 'config' ? i.path[1] : i.path[0]), i.message])));
          return;
        }
        setErrors({});
        try {
          const res = await launch.mutateAsync(r.data);
          router.push(`/training/${res.id}`);
        } catch {
          /* shown below */
        }
      }}
    >
      {launch.error && <Alert>{errorMessage(launch.error)}</Alert>}
      {role && !can(role, 'job:launch') && <Alert kind="info">Your role cannot launch training runs.</Alert>}
      <Card className="grid gap-3 sm:grid-cols-2">
        <Field label="Run name" name="name" value={v.name ?? ''} onChange={set('name')} error={errors.name} />
        <Select label="Dataset version" name="datasetVersionId" value={v.datasetVersionId ?? ''} onChange={set('datasetVersionId')} error={errors.datasetVersionId}>
          {versions.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label} ({d.rowCount.toLocaleString()} rows)
            </option>
          ))}
        </Select>
        <Select label="Backend" name="backendId" value={v.backendId ?? ''} onChange={set('backendId')}>
          <option value="">Local (default)</option>
          {backends.data?.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.kind})
            </option>
          ))}
        </Select>
        <Select label="Preset" name="presetId" value={v.presetId ?? ''} onChange={(e) => applyPreset(e.target.value)}>
          {presets.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </Select>
      </Card>
      <Card className="grid gap-3 sm:grid-cols-3">
        <Field label="Base model" name="baseModel" value={v.baseModel ?? ''} onChange={set('baseModel')} error={shown('baseModel')} className="sm:col-span-3" />
        {NUMBER_FIELDS.map(([k, label]) => (
          <Field key={k} label={label} name={k} inputMode="decimal" value={v[k] ?? ''} onChange={set(k)} error={shown(k)} />
        ))}
        <Select label="Save checkpoints" name="saveStrategy" value={v.saveStrategy ?? 'epoch'} onChange={set('saveStrategy')}>
          <option value="epoch">every epoch</option>
          <option value="steps">every N steps</option>
          <option value="no">only at the end</option>
        </Select>
        {v.saveStrategy === 'steps' && <Field label="Save every N steps" name="saveSteps" value={v.saveSteps ?? ''} onChange={set('saveSteps')} error={shown('saveSteps')} />}
        <Select label="Launcher" name="launcher" value={v.launcher ?? 'axolotl'} onChange={set('launcher')}>
          <option value="axolotl">axolotl train config.yaml</option>
          <option value="accelerate">accelerate launch -m axolotl.cli.train config.yaml</option>
        </Select>
        <Field
          label="Trainer command override"
          name="trainerCommand"
          className="sm:col-span-3"
          placeholder="empty = real axolotl"
          hint="Runs in the job's working dir instead of axolotl (config.yaml and data/train.jsonl are there). For testing without a GPU, e.g. the stand-in: node bin/specialist fake-axolotl train config.yaml --steps 50"
          value={v.trainerCommand ?? ''}
          onChange={set('trainerCommand')}
          error={errors.trainerCommand}
        />
      </Card>
      <Card data-testid="gpu-estimate">
        <h2 className="mb-1 font-medium">GPU memory</h2>
        {preview.data ? (
          <p className="text-sm">
            About <strong>{preview.data.estimate.perGpuGiB.toFixed(1)} GiB per GPU</strong> on {preview.data.estimate.gpus} GPU(s) (ZeRO-3, {preview.data.gpuMemGiB} GiB cards):{' '}
            {preview.data.estimate.fits ? 'fits.' : <span className="text-red-600">does not fit.</span>} Smallest GPU count that fits: {preview.data.minGpus ?? 'none up to 256'}. A planning figure, not a guarantee.
          </p>
        ) : (
          <p className="text-sm text-zinc-500">Fix the fields above to see the estimate.</p>
        )}
      </Card>
      <Card>
        <h2 className="mb-1 font-medium">Axolotl config.yaml</h2>
        <pre data-testid="training-yaml" className="max-h-96 overflow-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">
          {preview.data?.yaml ?? ''}
        </pre>
      </Card>
      <Button type="submit" busy={launch.isPending} disabled={!!role && !can(role, 'job:launch')}>
        Launch training
      </Button>
    </form>
  );
}
