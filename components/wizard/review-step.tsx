'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import type { Repo } from './steps';

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
  return (
    <div className="max-w-2xl space-y-4">
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
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Submitting creates a plan with its cost estimate. A lead approves or rejects it on the Costs page; only approved plans can launch.</p>
      {submit.error && <Alert>{errorMessage(submit.error)}</Alert>}
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button busy={submit.isPending} onClick={() => submit.mutate({ repoId: repo.id })}>
          Submit plan for approval
        </Button>
      </div>
    </div>
  );
}
