import { EmptyState, PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Training' };

export default function Page() {
  return (
    <>
      <PageHeader title="Training" description="Axolotl SFT runs from a dataset version, with live loss and checkpoints." />
      <EmptyState title="No training runs yet">Train a specialist once you have a dataset version.</EmptyState>
    </>
  );
}
