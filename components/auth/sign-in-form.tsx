'use client';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { signInInput } from '@/lib/schemas/auth';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { Field } from '@/components/ui/field';

const messages: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  RateLimited: 'Too many sign-in attempts. Wait a few minutes and try again.',
  NoEmail: 'Your identity provider did not share an email address; ask your admin to release the email claim.',
  OAuthSignin: 'Could not reach the identity provider.',
  OAuthCallback: 'The identity provider returned an error.',
};

export function SignInForm({ sso = [] }: { sso?: { id: string; name: string }[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const next = params.get('next') || '/repos';
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState(params.get('error') ? messages[params.get('error')!] ?? 'Sign-in failed.' : '');
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const parsed = signInInput.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    const res = await signIn('credentials', { ...parsed.data, redirect: false });
    setBusy(false);
    if (!res || res.error) {
      setError(messages[res?.error ?? ''] ?? 'Sign-in failed.');
      return;
    }
    router.replace(next.startsWith('/') ? next : '/repos');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" autoFocus error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} />
      <Button type="submit" busy={busy} className="w-full">
        Sign in
      </Button>
      {sso.map((p) => (
        <Button key={p.id} type="button" variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl: next })}>
          Continue with {p.name}
        </Button>
      ))}
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New here?{' '}
        <Link className="text-brand-600 hover:underline" href={`/signup${params.get('invite') ? `?invite=${params.get('invite')}` : ''}`}>
          Create an account
        </Link>
      </p>
    </form>
  );
}
