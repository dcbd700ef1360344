'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { cn } from '@/components/ui/cn';
import { NAV } from './nav';
import { ThemeToggle } from './theme-toggle';
import { ShortcutsHelp } from './shortcuts-help';

// Loaded only for a user without an organization: its form validation pulls in zod (~110 KB of
// JS) that every other page would otherwise download, parse and run before it is interactive.
const CreateOrgPanel = dynamic(() => import('./create-org-panel').then((m) => m.CreateOrgPanel));

/** "g" then a letter jumps to a section (shown in each link's title). */
function useGoShortcuts() {
  const router = useRouter();
  useEffect(() => {
    let armed = 0;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || el.isContentEditable || /INPUT|TEXTAREA|SELECT/.test(el.tagName)) return;
      if (e.key === 'g') {
        armed = Date.now();
        return;
      }
      if (Date.now() - armed < 1200) {
        const item = NAV.find((n) => n.key === e.key);
        if (item) router.push(item.href);
        armed = 0;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router]);
}

export function AppShell({ children }: { children: React.ReactNode }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const me = useQuery(trpc.org.me.queryOptions());
  const [menu, setMenu] = useState(false);
  const switchOrg = useMutation(
    trpc.org.switch.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries();
        router.refresh();
      },
    }),
  );
  useGoShortcuts();
  const active = me.data?.active;

  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="px-4 pt-4 pb-3">
          <Link href="/repos" prefetch={false} className="font-semibold tracking-tight">
            Specialist
          </Link>
          {me.data && me.data.orgs.length > 0 && (
            <select
              aria-label="Organization"
              className="mt-3 w-full rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700"
              value={active?.orgId ?? ''}
              onChange={(e) => switchOrg.mutate({ orgId: e.target.value })}
            >
              {me.data.orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-2">
          {NAV.map((item) => {
            const current = pathname === item.href || pathname.startsWith(item.href + '/');
            return (
              <Link
                key={item.href}
                href={item.href}
                // Prefetched on hover or focus (a click is usually a few hundred ms later), not
                // all eight as soon as any page loads: those server renders landed just when the
                // page itself was fetching what it needs (e.g. the viewer's step bodies).
                prefetch={false}
                onMouseEnter={() => router.prefetch(item.href)}
                onFocus={() => router.prefetch(item.href)}
                title={`g then ${item.key}`}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-1.5 text-sm',
                  current
                    ? 'bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/20 dark:text-brand-100'
                    : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
                )}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="border-t border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <div className="relative">
            <button
              type="button"
              className="w-full truncate rounded-md px-2 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
              onClick={() => setMenu((m) => !m)}
              aria-expanded={menu}
            >
              {me.data?.user.name ?? me.data?.user.email ?? '…'}
              {active && <span className="block text-xs text-zinc-500">{active.role}</span>}
            </button>
            {menu && (
              <div className="absolute bottom-full mb-1 w-full rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
                <button
                  type="button"
                  className="w-full rounded px-2 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  onClick={() => signOut({ callbackUrl: '/signin' })}
                >
                  Sign out
                </button>
              </div>
            )}
          </div>
          <div className="mt-2">
            <ThemeToggle />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-6 lg:p-8">{me.data && !active ? <CreateOrgPanel /> : children}</main>
      <ShortcutsHelp />
    </div>
  );
}
