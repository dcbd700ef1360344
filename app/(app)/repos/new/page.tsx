import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/card';
import { Wizard } from '@/components/wizard/wizard';

export const metadata = { title: 'Connect a repository' };

export default function NewRepoPage() {
  return (
    <>
      <PageHeader title="Connect a repository" description="Seven short steps from a private repository to a submitted plan. Progress is saved after every step." />
      <Suspense>
        <Wizard />
      </Suspense>
    </>
  );
}
