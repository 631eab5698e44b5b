/**
 * The API reference in a real browser (Debian's Chromium through playwright-core), against the app
 * served over real HTTP on Node: the page renders every route group from /openapi.json using only
 * assets the app serves itself, and "Try it out" calls the live API.
 */
import { type AddressInfo, createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDocsAssets } from '../../src/adapters/docs/node';
import { createTestApp, type TestApp } from '../helpers/app';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort() {
  const server = createServer().listen(0);
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

let t: TestApp;
let browser: Browser;
let base: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  t = await createTestApp({ deps: { docsAssets: nodeDocsAssets() } });
  const port = await freePort();
  server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  server?.close();
  await t.close();
});

describe('/docs in a browser', () => {
  it('renders the reference from the app’s own assets and runs a request', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('requestfailed', (r) => failed.push(r.url()));
    // The page runs under the app's Content-Security-Policy (no inline scripts or styles).
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    const response = await page.goto(`${base}/docs`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.locator('.opblock-tag-section').first().waitFor();
    const tags = await page.locator('.opblock-tag').allInnerTexts();
    for (const tag of ['Organizations', 'Slots', 'Participants', 'Matching', 'Placements'])
      expect(tags.join(' ')).toContain(tag);
    expect(await page.locator('.opblock').count()).toBeGreaterThan(40);

    // Try the public vocabulary route from the page.
    const op = page.locator('.opblock', { hasText: '/v1/vocabularies/adaptations' }).first();
    await op.locator('.opblock-summary').click();
    await op.getByRole('button', { name: 'Try it out' }).click();
    await op.getByRole('button', { name: 'Execute' }).click();
    await expect
      .poll(async () => op.locator('.responses-wrapper .live-responses-table').textContent(), {
        timeout: 10_000,
      })
      .toContain('Tyst arbetsplats');

    expect(foreign).toEqual([]);
    expect(failed).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
    // Chromium on a shared 2-core machine under a full test run takes its time.
  }, 60_000);
});
