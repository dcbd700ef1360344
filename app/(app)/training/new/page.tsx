import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { NewTrainingForm } from '@/components/training/new-training-form';

export const metadata = { title: 'New training run' };

export default function Page() {
  return (
    <>
      <PageHeader title="New training run" description="Pick a dataset version and a preset (SERA: 3 epochs, lr 1e-5, weight decay 0.01, 32K context, ZeRO-3); every field stays editable." />
      <Suspense>
        <NewTrainingForm />
      </Suspense>
    </>
  );
}
