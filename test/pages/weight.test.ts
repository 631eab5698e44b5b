/**
 * Page weight (issue #13: each page under 100 KB including its CSS and scripts) on the demo data,
 * over the same tour of main pages as `npm run bench` (bench/pages.ts, which measures the time).
 * Size, not timing: every page is rendered once and counted with the stylesheet and script it loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetBytes, pageTour } from '../../bench/lib/page-tour';

const LIMIT = 100 * 1024;
let tour: Awaited<ReturnType<typeof pageTour>>;
beforeAll(async () => {
  tour = await pageTour();
}, 120_000);
afterAll(() => tour?.close());

describe('page weight', () => {
  it('every main page of every kind of person is an HTML page under 100 KB with its CSS and script', async () => {
    const weights: string[] = [];
    for (const stop of tour.stops) {
      const page = await tour.people[stop.who].get(stop.path);
      expect(page.status, stop.path).toBe(200);
      expect(page.type, stop.path).toMatch(/^text\/html/);
      const assets = await assetBytes(tour.app, page.html);
      expect(assets, 'the stylesheet and script are counted').toBeGreaterThan(0);
      const bytes = new TextEncoder().encode(page.html).byteLength + assets;
      weights.push(`${stop.who} ${stop.path} ${bytes}`);
      expect(bytes, `${stop.who} ${stop.path}`).toBeLessThan(LIMIT);
    }
    expect(weights).toHaveLength(tour.stops.length);
  }, 120_000);
});
