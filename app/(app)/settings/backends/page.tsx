import { PageHeader } from '@/components/ui/card';
import { BackendsPanel } from '@/components/backends/backends-panel';

export const metadata = { title: 'Compute backends' };

export default function BackendsPage() {
  return (
    <>
      <PageHeader title="Compute backends" description="Where jobs run: this machine, a GPU box over SSH, Slurm, Kubernetes or SkyPilot. Keys and tokens are stored encrypted and never shown again." />
      <BackendsPanel />
    </>
  );
}
