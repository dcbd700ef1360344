'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { can, type Role } from '@/lib/permissions';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { LossChart } from '@/components/charts/loss-chart';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { formatBytes, formatDuration, isActive } from './format';

export function TrainingRunView({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const me = useQuery(trpc.org.me.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const run = useQuery({ ...trpc.training.get.queryOptions({ id }), refetchInterval: (q) => (q.state.data && isActive(q.state.data.state) ? 1500 : false) });
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.training.get.queryKey({ id }) });
  const cancel = useMutation(trpc.training.cancel.mutationOptions({ onSuccess: invalidate }));
  const resume = useMutation(trpc.training.resume.mutationOptions({ onSuccess: (r) => router.push(`/training/${r.id}`) }));
  const serve = useMutation(trpc.training.serve.mutationOptions({ onSuccess: invalidate }));
  const [copied, setCopied] = useState(false);
  if (run.error) return <Alert>{errorMessage(run.error)}</Alert>;
  const r = run.data;
  if (!r) return <p className="text-sm text-zinc-500">Loading…</p>;
  const last = r.metrics.at(-1);
  const p = r.progress;
  const tps = last?.tokensPerSecond;
  const endpoint = r.serving ? `http://${r.serving.host}:${r.serving.port}/v1` : null;
  const err = cancel.error ?? resume.error ?? serve.error;
  return (
    <div className="space-y-4">
      {err && <Alert>{errorMessage(err)}</Alert>}
      <Card className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm" data-testid="training-header">
        <span>
          State: <strong data-testid="training-state">{r.state}</strong>
        </span>
        <span data-testid="training-step">
          Step {p.step}
          {p.totalSteps ? ` / ${p.totalSteps}` : ''}
        </span>
        <span>ETA {isActive(r.state) ? formatDuration(p.etaSeconds) : '—'}</span>
        <span>{tps ? `${tps.toFixed(0)} tokens/s` : p.secondsPerStep ? `${p.secondsPerStep.toFixed(2)} s/step` : ''}</span>
        <span>Loss {last ? last.loss.toFixed(4) : '—'}</span>
        <span>Duration {formatDuration(r.durationSeconds)}</span>
        <span>Dataset {r.datasetVersion?.label ?? 'deleted'}</span>
        <span>Backend {r.job?.backend ? `${r.job.backend.name} (${r.job.backend.kind})` : '—'}</span>
        {r.costUsd != null && (
          <span data-testid="training-cost" title={r.costBasis?.source === 'estimate' ? `${r.costBasis.gpuHours.toFixed(3)} GPU-hours at $${r.costBasis.gpuHourUsd}/GPU-hour (${r.costBasis.priceName})` : 'reported by the backend'}>
            Cost {r.costBasis?.source === 'estimate' ? '≈ ' : ''}${r.costUsd.toFixed(2)}
          </span>
        )}
        {r.dataset && (
          <span>
            {r.dataset.rows} training rows{r.dataset.skipped ? ` (${r.dataset.skipped} trajectories skipped)` : ''}
          </span>
        )}
        {r.job && (
          <a className="text-brand-600 underline" href={`/runs/jobs/${r.job.id}`}>
            job log
          </a>
        )}
        {isActive(r.state) && can(role, 'job:cancel') && (
          <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate({ id })}>
            Cancel run
          </Button>
        )}
      </Card>
      {r.job?.error && r.state === 'failed' && <Alert>{r.job.error}</Alert>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-1 font-medium">Training loss</h2>
          <LossChart label="loss" series={[{ name: r.name, points: r.metrics.map((m) => ({ step: m.step, value: m.loss })) }]} />
        </Card>
        <Card>
          <h2 className="mb-1 font-medium">Learning rate</h2>
          <LossChart
            label="lr"
            testId="lr-chart"
            format={(v) => v.toExponential(2)}
            series={[{ name: r.name, points: r.metrics.filter((m) => m.learningRate != null).map((m) => ({ step: m.step, value: m.learningRate! })) }]}
          />
        </Card>
      </div>
      <Card>
        <h2 className="mb-2 font-medium">Checkpoints</h2>
        {r.checkpoints.length === 0 ? (
          <p className="text-sm text-zinc-500">None yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="checkpoints">
            <thead>
              <tr className="text-left text-zinc-500">
                <th>Step</th>
                <th>Size</th>
                <th>Path</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.checkpoints.map((c) => (
                <tr key={c.path} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td>{c.step}</td>
                  <td>{formatBytes(c.sizeBytes)}</td>
                  <td className="font-mono text-xs">{c.path}</td>
                  <td className="space-x-2 py-1 text-right">
                    {can(role, 'job:launch') && (
                      <>
                        <Button variant="secondary" onClick={() => resume.mutate({ id, checkpoint: c.path })}>
                          Resume from here
                        </Button>
                        <Button variant="secondary" onClick={() => serve.mutate({ id, checkpoint: c.path })}>
                          Serve with vLLM
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {r.serving && endpoint && (
        <Card data-testid="serving">
          <h2 className="mb-1 font-medium">Serving</h2>
          <p className="text-sm">
            A serving job runs <code>vllm serve {r.serving.checkpoint}</code> with SERA&apos;s flags (hermes tool parser, 32K context). Once its log shows the server is up, the
            OpenAI-compatible endpoint is <code data-testid="endpoint">{endpoint}</code> (model name <code>{r.serving.servedModelName}</code>)
            {r.serving.host !== '127.0.0.1' && ' — replace BACKEND_HOST with the machine running the job, or tunnel the port'}. See the{' '}
            <a className="text-brand-600 underline" href={`/runs/jobs/${r.serving.jobId}`}>
              serving job
            </a>
            .
          </p>
          {/* Commands as in allenai/sera-cli's README ("Using Existing Endpoints", "sera CLI Options"). */}
          <p className="mt-2 text-sm">
            To try it with Claude Code, use SERA&apos;s <code>sera-cli</code> proxy on your machine (needs Claude Code and uv). It translates Claude Code&apos;s tools and API
            format to the SWE-agent tools and OpenAI format the model was trained on, then starts Claude Code against it:
          </p>
          <pre className="mt-1 overflow-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">{`uv tool install ai2-sera-cli
sera --endpoint ${endpoint}/chat/completions --model ${r.serving.servedModelName}
# --proxy-only starts just the proxy (port 8080) without launching Claude Code`}</pre>
          <p className="mt-1 text-xs text-zinc-500">A model fine-tuned on your repository works best with the same tools it was trained with; quality through other scaffolds is not measured here.</p>
          <Button
            variant="ghost"
            onClick={() => {
              void navigator.clipboard?.writeText(endpoint);
              setCopied(true);
            }}
          >
            {copied ? 'Copied' : 'Copy endpoint'}
          </Button>
        </Card>
      )}
      <Card>
        <h2 className="mb-1 font-medium">config.yaml</h2>
        {r.trainerCommand && <p className="mb-1 text-sm">Trainer command override: <code>{r.trainerCommand}</code></p>}
        <pre className="max-h-96 overflow-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">{r.yaml}</pre>
      </Card>
    </div>
  );
}
