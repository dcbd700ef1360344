'use client';
import { Button } from '@/components/ui/button';

// Shown when a page fails to render; details stay in the server log (digest links them).
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950">
      <h1 className="font-medium text-red-800 dark:text-red-200">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-red-700 dark:text-red-300">
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ''}. Try again; if it keeps failing, an admin can find the reference in the server log.
      </p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
