'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import type { Repo } from './steps';
import { EstimateCard } from '@/components/plans/estimate-card';
import { useState } from 'react';
import { Select } from '@/components/ui/field';

function Row({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-t border-zinc-100 py-1.5 text-sm first:border-0 dark:border-zinc-800">
      <dt className="text-zinc-500">{k}</dt>
      <dd className="text-right">{v}</dd>
    </div>
  );
}

export function ReviewStep({ repo, onBack }: { repo: Repo; onBack: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const submit = useMutation(trpc.plans.submitFromRepo.mutationOptions({ onSuccess: (p) => router.push(`/costs?plan=${p.id}`) }));
  const s = repo.settings;
  const prices = useQuery(trpc.prices.list.queryOptions());
  const [priceName, setPriceName] = useState<string | undefined>();
  const est = useQuery(trpc.plans.estimateForRepo.queryOptions({ repoId: repo.id, priceName }));
  const kind = s.teacher?.hosting === 'self-hosted' ? 'gpu' : 'api';
  return (
    <div className="max-w-3xl space-y-4">
      <Card>
        <dl>
          <Row k="Repository" v={`${repo.name} (${repo.url})`} />
          <Row k="Commits" v={`${repo.snapshots.length} on ${repo.defaultBranch}`} />
          <Row k="Folders" v={s.codemap?.include.length ? s.codemap.include.join(', ') : 'auto-detected'} />
          <Row k="Install" v={s.environment?.installCommands.join(' && ') ?? '—'} />
          <Row k="Teacher" v={s.teacher ? `${s.teacher.model} @ ${s.teacher.baseUrl} (${s.teacher.hosting})` : '—'} />
          <Row k="Recall threshold" v={s.filters?.recallThreshold ?? '—'} />
          <Row k="Target samples" v={s.filters?.targetSamples?.toLocaleString() ?? '—'} />
          <Row k="Context length" v={s.filters?.contextLength?.toLocaleString() ?? '—'} />
        </dl>
      </Card>
      <Card>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h3 className="font-medium">Cost estimate and predicted outcome</h3>
          <Select label="Price the teacher as" value={priceName ?? est.data?.config.teacher.price ?? ''} onChange={(e) => setPriceName(e.target.value)}>
            {prices.data
              ?.filter((p) => p.kind === kind)
              .map((p) => (
                <option key={p.id} value={p.name}>
                  {p.name}
                </option>
              ))}
          </Select>
        </div>
        {est.error && <Alert>{errorMessage(est.error)}</Alert>}
        {est.data ? <EstimateCard estimate={est.data.estimate} targetSamples={est.data.config.targetSamples} /> : !est.error && <p className="text-sm text-zinc-500">Estimating…</p>}
      </Card>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Submitting creates a plan with its cost estimate. A lead approves or rejects it on the Costs page; only approved plans can launch.</p>
      {submit.error && <Alert>{errorMessage(submit.error)}</Alert>}
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button busy={submit.isPending} onClick={() => submit.mutate({ repoId: repo.id, priceName: priceName ?? est.data?.config.teacher.price })}>
          Submit plan for approval
        </Button>
      </div>
    </div>
  );
}
