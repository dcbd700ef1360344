'use client';
import { useEffect, useState } from 'react';
import { NAV } from './nav';

/** "?" opens a list of keyboard shortcuts; Escape closes it. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (/INPUT|TEXTAREA|SELECT/.test(el.tagName) || el.isContentEditable) return;
      if (e.key === '?') setOpen((o) => !o);
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-black/40 p-4" onClick={() => setOpen(false)}>
      <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900" onClick={(e) => e.stopPropagation()}>
        <h2 className="mb-3 font-medium">Keyboard shortcuts</h2>
        <ul className="space-y-1 text-sm">
          {NAV.map((n) => (
            <li key={n.href} className="flex justify-between">
              <span>{n.label}</span>
              <kbd className="rounded bg-zinc-100 px-1.5 font-mono text-xs dark:bg-zinc-800">g {n.key}</kbd>
            </li>
          ))}
          <li className="flex justify-between">
            <span>This help</span>
            <kbd className="rounded bg-zinc-100 px-1.5 font-mono text-xs dark:bg-zinc-800">?</kbd>
          </li>
        </ul>
      </div>
    </div>
  );
}
