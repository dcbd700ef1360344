'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { signUpInput } from '@/lib/schemas/auth';
import { useTRPC } from '@/lib/trpc/client';
import { errorMessage, fieldErrors } from '@/lib/trpc/errors';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { Field } from '@/components/ui/field';

export function SignUpForm({ inviteToken }: { inviteToken?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invitation = useQuery({ ...trpc.auth.invitation.queryOptions({ token: inviteToken ?? '' }), enabled: !!inviteToken });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const input = { ...form, inviteToken, orgName: inviteToken ? undefined : form.orgName };
    const parsed = signUpInput.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    try {
      await signUp.mutateAsync(parsed.data);
    } catch (err) {
      setErrors(fieldErrors(err));
      return;
    }
    const res = await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
    if (res?.ok) {
      router.replace('/repos');
      router.refresh();
    } else router.replace('/signin');
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {invitation.data && (
        <Alert kind="info">
          You are joining <strong>{invitation.data.orgName}</strong> as {invitation.data.role}.
        </Alert>
      )}
      {inviteToken && invitation.isFetched && !invitation.data && <Alert>This invitation is invalid or has expired.</Alert>}
      {signUp.error && <Alert>{errorMessage(signUp.error)}</Alert>}
      <Field label="Your name" name="name" autoComplete="name" autoFocus error={errors.name} />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={invitation.data?.email}
        key={invitation.data?.email}
        error={errors.email}
      />
      <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters" error={errors.password} />
      {!inviteToken && <Field label="Organization name" name="orgName" placeholder="Acme Research" error={errors.orgName} />}
      <Button type="submit" busy={signUp.isPending} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{' '}
        <Link className="text-brand-600 hover:underline" href="/signin">
          Sign in
        </Link>
      </p>
    </form>
  );
}
