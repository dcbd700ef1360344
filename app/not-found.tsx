import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">The link may be old, or the item was deleted or belongs to another organization.</p>
      <Link href="/repos" className="text-sm text-brand-600 hover:underline">
        Back to repositories
      </Link>
    </main>
  );
}
