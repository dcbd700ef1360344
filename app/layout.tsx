import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Specialist', template: '%s · Specialist' },
  description: 'Fine-tune a coding agent on your own repository with Soft Verified Generation.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme cookie lets the server render the right class, so hydration keeps it.
  const theme = (await cookies()).get('theme')?.value;
  return (
    <html lang="en" className={theme === 'dark' ? 'dark' : undefined} suppressHydrationWarning>
      <head>
        {/* Blocking on purpose: applies dark mode before first paint (public/theme-init.js). */}
        <script src="/theme-init.js" />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
