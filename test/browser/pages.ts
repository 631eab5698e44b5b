/**
 * What the page tests in a real browser share: the app served over real HTTP on Node, Debian's
 * Chromium through playwright-core, axe-core run inside each page visited, a check that the page
 * fits a phone's width, and screenshots at 1280 and 375 px written to test-results/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, type TestApp, type TestAppOptions } from '../helpers/app';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotDir = join(import.meta.dirname, '../../test-results/screenshots');

async function freePort() {
  const server = createServer().listen(0);
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export interface PageHarness {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies), phone-sized when asked. */
  context(o?: { phone?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startPages(opts: TestAppOptions = {}): Promise<PageHarness> {
  const t = await createTestApp(opts);
  const port = await freePort();
  // The public base URL is this server, so mailed links open here.
  const base = `http://127.0.0.1:${port}`;
  const server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' });
  const browser = await chromium.launch({
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
  return {
    t,
    base,
    browser,
    context: (o = {}) =>
      browser.newContext(
        o.phone
          ? { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1280, height: 900 } },
      ),
    async close() {
      await browser.close();
      server.close();
      await t.close();
    },
  };
}

/** Collects Content-Security-Policy violations and failed requests of a page. */
export function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  return problems;
}

/** axe-core inside the page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  // Evaluated through the debugging protocol, which the page's CSP (no inline scripts) allows.
  await page.evaluate(axeSource);
  // A string, not a function: the test's types know no DOM.
  const violations: { id: string; help: string; targets: string[] }[] = await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))
  `);
  expect(violations, `${page.url()}`).toEqual([]);
}

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client }: { scroll: number; client: number } = await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  );
  expect(scroll, `${page.url()} is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

/** A screenshot of the whole page, for people to look at (not compared). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
}
