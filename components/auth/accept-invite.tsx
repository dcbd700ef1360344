'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';

export function AcceptInvite({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const inv = useQuery(trpc.auth.invitation.queryOptions({ token }));
  const accept = useMutation(
    trpc.org.acceptInvite.mutationOptions({
      onSuccess: () => {
        router.replace('/repos');
        router.refresh();
      },
    }),
  );
  if (inv.isLoading) return <p className="text-sm">Checking invitation…</p>;
  if (!inv.data) return <Alert>This invitation is invalid, used or expired. Ask an admin for a new one.</Alert>;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        Join <strong>{inv.data.orgName}</strong> as <strong>{inv.data.role}</strong>?
      </p>
      {accept.error && <Alert>{errorMessage(accept.error)}</Alert>}
      <Button className="w-full" busy={accept.isPending} onClick={() => accept.mutate({ token })}>
        Accept invitation
      </Button>
    </div>
  );
}
