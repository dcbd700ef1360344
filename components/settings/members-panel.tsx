'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can, ROLE_LABELS, ROLES, type Role } from '@/lib/permissions';
import { inviteMemberInput } from '@/lib/schemas/org';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { Field, Select } from '@/components/ui/field';

export function MembersPanel() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.org.me.queryOptions());
  const members = useQuery(trpc.org.members.queryOptions());
  const role = me.data?.active?.role as Role | undefined;
  const manage = can(role, 'members:manage');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.org.members.queryKey() });
  const changeRole = useMutation(trpc.org.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.org.removeMember.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.org.revokeInvite.mutationOptions({ onSuccess: refresh }));
  const actionError = changeRole.error ?? remove.error ?? revoke.error;

  return (
    <div className="space-y-6">
      <Card>
        <h2 className="mb-3 font-medium">Members</h2>
        {actionError && (
          <div className="mb-3">
            <Alert>{errorMessage(actionError)}</Alert>
          </div>
        )}
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Email</th>
              <th className="py-1 font-medium">Role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.data?.members.map((m) => (
              <tr key={m.id} className="border-t border-zinc-100 dark:border-zinc-800" data-testid={`member-${m.email}`}>
                <td className="py-2">{m.name ?? '—'}</td>
                <td className="py-2">{m.email}</td>
                <td className="py-2">
                  {manage ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      className="rounded border border-zinc-300 bg-transparent px-1 py-0.5 dark:border-zinc-700"
                      value={m.role}
                      onChange={(e) => changeRole.mutate({ membershipId: m.id, role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  ) : (
                    m.role
                  )}
                </td>
                <td className="py-2 text-right">
                  {manage && m.userId !== me.data?.user.id && (
                    <Button
                      variant="ghost"
                      onClick={() => {
                        if (confirm(`Remove ${m.email} from the organization?`)) remove.mutate({ membershipId: m.id });
                      }}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!manage && <p className="mt-3 text-xs text-zinc-500">Only owners and admins can manage members.</p>}
      </Card>
      {manage && <InviteCard onInvited={refresh} />}
      {manage && !!members.data?.invitations.length && (
        <Card>
          <h2 className="mb-3 font-medium">Pending invitations</h2>
          <ul className="space-y-2 text-sm">
            {members.data.invitations.map((i) => (
              <li key={i.id} className="flex items-center justify-between">
                <span>
                  {i.email} · {i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}
                </span>
                <Button variant="ghost" onClick={() => revoke.mutate({ invitationId: i.id })}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function InviteCard({ onInvited }: { onInvited: () => void }) {
  const trpc = useTRPC();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [link, setLink] = useState<string>();
  const invite = useMutation(trpc.org.invite.mutationOptions());
  return (
    <Card>
      <h2 className="font-medium">Invite a member</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">The invitation link is shown once; send it to your colleague. It expires in 7 days.</p>
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const parsed = inviteMemberInput.safeParse(Object.fromEntries(new FormData(form)));
          if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
          setErrors({});
          try {
            const res = await invite.mutateAsync(parsed.data);
            setLink(`${window.location.origin}/invite/${res.token}`);
            form.reset();
            onInvited();
          } catch (err) {
            setErrors(fieldErrors(err));
          }
        }}
      >
        <Field className="min-w-64 flex-1" label="Email" name="email" type="email" error={errors.email} />
        <Select label="Role" name="role" defaultValue="engineer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
        <Button type="submit" busy={invite.isPending}>
          Create invitation
        </Button>
      </form>
      {invite.error && !Object.keys(errors).length && (
        <div className="mt-3">
          <Alert>{errorMessage(invite.error)}</Alert>
        </div>
      )}
      {link && (
        <div className="mt-3">
          <Alert kind="success">
            Invitation link: <code data-testid="invite-link" className="break-all select-all">{link}</code>
          </Alert>
        </div>
      )}
    </Card>
  );
}
