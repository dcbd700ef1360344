'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { WIZARD_LABELS, WIZARD_STEPS, type WizardStep } from '@/lib/schemas/repos';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Alert } from '@/components/ui/card';
import { ConnectStep } from './connect-step';
import { ReviewStep } from './review-step';
import { CodeMapStep, EnvironmentStep, FiltersStep, SnapshotStep, TeacherStep } from './steps';
import { Stepper } from './stepper';

/** The onboarding wizard. State lives on the server (per step), so it resumes anywhere. */
export function Wizard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const repoId = params.get('repo');
  const repo = useQuery({ ...trpc.repos.get.queryOptions({ repoId: repoId ?? '' }), enabled: !!repoId });
  const reached: WizardStep = repo.data?.wizardStep ?? 'connect';
  const requested = params.get('step') as WizardStep | null;
  const step: WizardStep = !repoId ? 'connect' : requested && WIZARD_STEPS.indexOf(requested) <= WIZARD_STEPS.indexOf(reached) ? requested : reached;

  const go = (s: WizardStep, id = repoId) => router.push(`${pathname}?repo=${id}&step=${s}`);
  const idx = WIZARD_STEPS.indexOf(step);
  const next = async () => {
    await qc.invalidateQueries({ queryKey: trpc.repos.get.queryKey({ repoId: repoId! }) });
    go(WIZARD_STEPS[Math.min(idx + 1, WIZARD_STEPS.length - 1)]);
  };
  const back = () => go(WIZARD_STEPS[Math.max(idx - 1, 1)]);

  if (repoId && repo.isLoading) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (repoId && repo.error) return <Alert>{errorMessage(repo.error)}</Alert>;
  const r = repo.data;
  return (
    <div>
      <Stepper current={step} reached={reached} onSelect={(s) => (s === 'connect' ? undefined : go(s))} />
      <h2 className="mb-4 text-lg font-medium">
        {idx + 1}. {WIZARD_LABELS[step]}
        {r && <span className="ml-2 text-sm font-normal text-zinc-500">{r.name}</span>}
      </h2>
      {step === 'connect' && !r && <ConnectStep onConnected={(id) => router.push(`${pathname}?repo=${id}&step=snapshot`)} />}
      {step === 'connect' && r && <Alert kind="info">Connected to {r.url}. Change credentials from the repository settings.</Alert>}
      {r && step === 'snapshot' && <SnapshotStep repo={r} onSaved={next} onBack={() => router.push('/repos')} />}
      {r && step === 'codemap' && <CodeMapStep repo={r} onSaved={next} onBack={back} />}
      {r && step === 'environment' && <EnvironmentStep repo={r} onSaved={next} onBack={back} />}
      {r && step === 'teacher' && <TeacherStep repo={r} onSaved={next} onBack={back} />}
      {r && step === 'filters' && <FiltersStep repo={r} onSaved={next} onBack={back} />}
      {r && step === 'review' && <ReviewStep repo={r} onBack={back} />}
    </div>
  );
}
