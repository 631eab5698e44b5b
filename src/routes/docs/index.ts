/**
 * The interactive API reference: Swagger UI reading the generated /openapi.json. Its two assets are
 * served by the app itself when the entry point can read them (Node: from node_modules, so the page
 * works on networks that block CDNs, as many municipal networks do), else from a pinned CDN (Workers).
 */
import { Hono } from 'hono';
import { type DocsAssetName, type DocsAssets, docsAssetNames } from '../../adapters/docs/types';
import type { AppEnv } from '../../app-env';
import { contentSecurityPolicy } from '../../lib/security-headers';

export const SWAGGER_UI_VERSION = '5.35.0';
const CDN = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI_VERSION}`;

const contentTypes: Record<DocsAssetName, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

function page(base: string) {
  return `<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>SE-registret API – referens / reference</title>
    <link rel="stylesheet" href="${base}/swagger-ui.css" />
  </head>
  <body>
    <noscript>API-referensen kräver JavaScript. / The API reference needs JavaScript. OpenAPI: <a href="/openapi.json">/openapi.json</a></noscript>
    <div id="swagger-ui"></div>
    <script src="${base}/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>`;
}

// A file of its own, not an inline script: the Content-Security-Policy allows no inline scripts.
const init =
  "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n";

export function docsRouter(assets?: DocsAssets) {
  const router = new Hono<AppEnv>();
  const html = page(assets ? '/docs/assets' : CDN);
  // Served from the app itself, the page needs nothing beyond the default policy; from the CDN, it
  // allows that one origin for the bundle and its stylesheet.
  const csp = assets
    ? contentSecurityPolicy()
    : contentSecurityPolicy({ script: [`${CDN}/`], style: [`${CDN}/`] });
  router.get('/docs', (c) => c.html(html, 200, { 'content-security-policy': csp }));
  router.get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  if (assets) {
    // Read once and kept: the bundle is about 1.5 MB and never changes while the process runs.
    const cache = new Map<DocsAssetName, Promise<string>>();
    router.get('/docs/assets/:name', async (c) => {
      const name = c.req.param('name') as DocsAssetName;
      if (!docsAssetNames.includes(name)) return c.notFound();
      if (!cache.has(name)) cache.set(name, assets(name));
      return c.body(await cache.get(name)!, 200, {
        'content-type': contentTypes[name],
        'cache-control': 'public, max-age=86400',
      });
    });
  }
  return router;
}
