/**
 * Server-side rendering time and weight of the main pages on the demo data (bench/lib/page-tour.ts):
 * each page requested through the whole Hono stack (session, CSRF, services, SQL on a libSQL file,
 * JSX), warmed, then timed. Target (issue #13): p95 < 50 ms, and < 100 KB with its CSS and script.
 *   npx tsx bench/pages.ts [requests per page]     (default 40)
 */
import { loadavg } from 'node:os';
import { assetBytes, pageTour } from './lib/page-tour';
import { summarize } from './lib/stats';

const perPage = Number(process.argv[2] ?? 40);
const tour = await pageTour();
console.log(
  `${tour.stops.length} pages, ${perPage} requests each after 5 warm-up; load ${loadavg()[0]!.toFixed(2)}`,
);
console.log(
  'who          page                                                   p50 ms  p95 ms   KB (with CSS+JS)',
);
let worstP95 = 0;
let heaviest = 0;
for (const stop of tour.stops) {
  const v = tour.people[stop.who];
  for (let i = 0; i < 5; i++) await v.get(stop.path);
  const samples: number[] = [];
  let html = '';
  for (let i = 0; i < perPage; i++) {
    const started = performance.now();
    const page = await v.get(stop.path);
    samples.push(performance.now() - started);
    html = page.html;
    if (page.status !== 200) throw new Error(`${stop.path} answered ${page.status}`);
  }
  const s = summarize(samples);
  const kb = (new TextEncoder().encode(html).byteLength + (await assetBytes(tour.app, html))) / 1024;
  worstP95 = Math.max(worstP95, s.p95);
  heaviest = Math.max(heaviest, kb);
  const shown = stop.path.replace(/_[0-9A-Z]{26}/g, '_…');
  console.log(
    `${stop.who.padEnd(12)} ${shown.padEnd(54)} ${s.p50.toFixed(1).padStart(6)} ${s.p95.toFixed(1).padStart(7)} ${kb.toFixed(1).padStart(6)}`,
  );
}
console.log(
  `worst p95 ${worstP95.toFixed(1)} ms (target < 50), heaviest ${heaviest.toFixed(1)} KB (target < 100)`,
);
await tour.close();
