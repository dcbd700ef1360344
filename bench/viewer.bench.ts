// Viewer time-to-interactive for one 115-step T2 trajectory (the paper's step limit) in
// Chromium, against the production server. TTI = from navigation start (the page's time
// origin) until (1) the steps list is rendered, (2) React has hydrated it and (3) a real key press
// (Enter) on the first step's summary has toggled it and, when it opened, the step shows its
// content rather than a loading placeholder (aria-busy), since a long rollout's step bodies
// arrive after its headers. Median and p95 over several loads in a warm
// browser (a user going from trajectory to trajectory); the first, cold-cache load is shown
// separately. Target (issue #11): <= 1 s. Selectors follow components/trajectory/trajectory-viewer.tsx.
import { chromium } from '@playwright/test';
import path from 'node:path';
import { createFsBlobStore } from '../server/engine/storage/fs-blob-store';
import { seedSyntheticTrajectories } from '../server/testing/synthetic-trajectories';
import type { Bench, BenchRow } from './bench';
import { hasProductionBuild, signedInSession, SKIPPED_NO_BUILD, startServer } from './serve';

const STEPS = 115;
const STEPS_LIST = '[data-testid="steps"]';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export const bench: Bench = {
  async run({ short }) {
    if (!hasProductionBuild()) return [SKIPPED_NO_BUILD];
    const server = await startServer(Number(process.env.BENCH_VIEWER_PORT ?? 3305));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const { cookie, orgId } = await signedInSession(server.base, 'viewer');
      // The API has no "create trajectory"; bodies go to the server's own blob store and rows
      // to its database, exactly where a generation job would put them.
      const seeded = await seedSyntheticTrajectories({ db: await server.db(), orgId, count: 2, blobs: createFsBlobStore(path.join(server.dataDir, 'blobs')), pairOptions: { steps: STEPS }, seed: 115 });
      const id = seeded.firstT2Id!;
      const url = `${server.base}/trajectories/${id}`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies(cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: server.base })));
      const load = async () => {
        const page = await context.newPage();
        try {
          await page.goto(url, { waitUntil: 'commit' });
          const rendered = await page
            .waitForFunction(
              (sel) => {
                const list = document.querySelector(sel);
                if (!list || list.children.length === 0) return false;
                // hydrated: React attaches its fiber to the DOM node
                if (!Object.keys(list).some((k) => k.startsWith('__reactFiber'))) return false;
                return { at: performance.now(), items: list.children.length };
              },
              STEPS_LIST,
              { polling: 'raf', timeout: 30_000 },
            )
            .catch((e) => {
              throw new Error(`the viewer did not render a hydrated ${STEPS_LIST} within 30 s (${(e as Error).message.split('\n')[0]}); if its markup changed, update bench/viewer.bench.ts`);
            });
          const { at, items } = (await rendered.jsonValue()) as { at: number; items: number };
          // A real key press (CDP input) on the first step's toggle: independent of late layout
          // shifts (the P1 patch arrives in a second query) that would make a mouse click miss.
          // The response is the toggle's open/aria-expanded state changing (or, for markup
          // without either, any DOM change in the list).
          const armed = await page.evaluate((sel) => {
            const list = document.querySelector(sel)!;
            const target = list.querySelector<HTMLElement>('summary, button, [role="button"], [tabindex="0"]');
            if (!target) return false;
            // (no named inner functions: tsx would wrap them in a helper the page does not have)
            const w = window as unknown as { __benchToggle: { holder: Element; before: string; mutated: boolean } };
            const holder = target.closest('details') ?? target;
            w.__benchToggle = { holder, before: holder instanceof HTMLDetailsElement ? String(holder.open) : String(holder.getAttribute('aria-expanded')), mutated: false };
            new MutationObserver(() => (w.__benchToggle.mutated = true)).observe(list, { attributes: true, childList: true, subtree: true });
            target.focus();
            return true;
          }, STEPS_LIST);
          if (!armed) throw new Error(`no focusable toggle (summary/button) in ${STEPS_LIST}; update bench/viewer.bench.ts`);
          await page.keyboard.press('Enter');
          const done = await page.waitForFunction(
            () => {
              const t = (window as unknown as { __benchToggle: { holder: Element; before: string; mutated: boolean } }).__benchToggle;
              const now = t.holder instanceof HTMLDetailsElement ? String(t.holder.open) : String(t.holder.getAttribute('aria-expanded'));
              const toggled = now !== 'null' ? now !== t.before : t.mutated;
              // opened but still loading what it shows does not count as interactive yet
              const loading = !!t.holder.closest('li')?.querySelector('[aria-busy="true"]');
              return toggled && !loading && performance.now();
            },
            undefined,
            { polling: 'raf', timeout: 10_000 },
          );
          const nav = await page.evaluate(() => {
            const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            return { ttfb: n.responseStart, html: n.responseEnd, dcl: n.domContentLoadedEventEnd, bytes: n.transferSize || n.encodedBodySize };
          });
          return { rendered: at, tti: (await done.jsonValue()) as number, items, ...nav };
        } finally {
          await page.close();
        }
      };
      const cold = await load();
      const loads = short ? 5 : 15;
      const ttis: number[] = [];
      const renders: number[] = [];
      const ttfbs: number[] = [];
      const dcls: number[] = [];
      for (let i = 0; i < loads; i++) {
        const r = await load();
        ttis.push(r.tti);
        renders.push(r.rendered);
        ttfbs.push(r.ttfb);
        dcls.push(r.dcl);
      }
      const med = pct(ttis, 0.5);
      const p95 = pct(ttis, 0.95);
      const rows: BenchRow[] = [
        { metric: `steps rendered (${STEPS} agent steps + observations)`, value: cold.items, unit: 'list items', target: `>= ${STEPS}`, ok: cold.items >= STEPS },
        { metric: 'first (cold cache) load: time to interactive', value: Math.round(cold.tti), unit: 'ms' },
        { metric: 'page HTML transferred (server-rendered + RSC payload, compressed)', value: Math.round(cold.bytes / 1024), unit: 'KiB' },
        { metric: `server response start (TTFB), median of ${loads}`, value: Math.round(pct(ttfbs, 0.5)), unit: 'ms' },
        { metric: `DOMContentLoaded, median of ${loads}`, value: Math.round(pct(dcls, 0.5)), unit: 'ms' },
        { metric: `time to steps rendered + hydrated, median of ${loads}`, value: Math.round(pct(renders, 0.5)), unit: 'ms' },
        { metric: `time to interactive, median of ${loads}`, value: Math.round(med), unit: 'ms', target: '<= 1000 ms', ok: med <= 1000 },
        { metric: `time to interactive, p95 of ${loads}`, value: Math.round(p95), unit: 'ms', target: '<= 1000 ms', ok: p95 <= 1000 },
      ];
      return rows;
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
