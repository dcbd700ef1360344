import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { TrainingRunView } from '@/components/training/training-run-view';

export const metadata = { title: 'Training run' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <PageHeader title="Training run" />
      <Suspense>
        <TrainingRunView id={id} />
      </Suspense>
    </>
  );
}
