'use client';
import { useQuery } from '@tanstack/react-query';
import { can, type Role } from '@/lib/permissions';
import { useTRPC } from '@/lib/trpc/client';
import { Card } from '@/components/ui/card';

/** Approvals, launches, cancels, secret changes and member changes, newest first. */
export function AuditPanel() {
  const trpc = useTRPC();
  const me = useQuery(trpc.org.me.queryOptions());
  const allowed = can(me.data?.active?.role as Role | undefined, 'members:manage');
  const log = useQuery({ ...trpc.org.audit.queryOptions({ take: 100 }), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card>
      <h2 className="mb-3 font-medium">Audit log</h2>
      {!log.data?.length ? (
        <p className="text-sm text-zinc-500">{log.isLoading ? 'Loading…' : 'Nothing recorded yet.'}</p>
      ) : (
        <table className="w-full text-sm" data-testid="audit-log">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">When</th>
              <th className="py-1 font-medium">Who</th>
              <th className="py-1 font-medium">Action</th>
              <th className="py-1 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="py-1.5 whitespace-nowrap text-zinc-500">{new Date(e.createdAt).toLocaleString()}</td>
                <td className="py-1.5">{e.actor?.name ?? e.actor?.email ?? 'system'}</td>
                <td className="py-1.5 font-mono text-xs">{e.action}</td>
                <td className="py-1.5 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{e.details ? JSON.stringify(e.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
