import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Repositories' };

export default function Page() {
  return (
    <>
      <PageHeader title="Repositories" description="Connect a private repository, map its code and configure how it installs." />
      <EmptyState title="No repositories yet">Connect a repository to start generating training data for it.</EmptyState>
    </>
  );
}
