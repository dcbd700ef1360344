'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createOrgInput } from '@/lib/schemas/org';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';

export function CreateOrgPanel({ onDone, title = 'Create an organization' }: { onDone?: () => void; title?: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const create = useMutation(
    trpc.org.create.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries();
        onDone?.();
        router.refresh();
      },
    }),
  );
  return (
    <Card className="max-w-md">
      <h2 className="font-medium">{title}</h2>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Repositories, plans and data belong to an organization.</p>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = createOrgInput.safeParse({ name: new FormData(e.currentTarget).get('name') });
          if (!parsed.success) return setError(parsed.error.issues[0].message);
          setError(undefined);
          create.mutate(parsed.data);
        }}
      >
        {create.error && <Alert>{errorMessage(create.error)}</Alert>}
        <Field label="Organization name" name="name" error={error} />
        <Button type="submit" busy={create.isPending}>
          Create organization
        </Button>
      </form>
    </Card>
  );
}
