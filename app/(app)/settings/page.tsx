import Link from 'next/link';
import { PageHeader } from '@/components/ui/card';
import { AuditPanel } from '@/components/settings/audit-panel';
import { MembersPanel } from '@/components/settings/members-panel';
import { CreateOrgPanel } from '@/components/shell/create-org-panel';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  prefetch(trpc.org.members.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Settings" description="Members, roles and invitations for this organization." />
      <p className="mb-4 text-sm">
        <Link className="text-brand-700 underline dark:text-brand-400" href="/settings/backends">
          Compute backends
        </Link>{' '}
        — where jobs run (local, SSH, Slurm, Kubernetes, SkyPilot).
      </p>
      <MembersPanel />
      <div className="mt-6">
        <CreateOrgPanel title="Create another organization" />
      </div>
      <div className="mt-6">
        <AuditPanel />
      </div>
    </HydrateClient>
  );
}
