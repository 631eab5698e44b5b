/** Serves the stylesheet and the script; each URL carries a hash of its content, so it may be cached long. */
import { Hono } from 'hono';
import type { PageEnv } from '../env';
import { appJs } from './script';
import { styleCss } from './style';

/** A short content hash (FNV-1a): a new build gets new URLs, so browsers never keep a stale copy. */
function hashOf(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const assets = {
  'style.css': { body: styleCss, type: 'text/css; charset=utf-8' },
  'app.js': { body: appJs, type: 'text/javascript; charset=utf-8' },
} as const;
type AssetName = keyof typeof assets;
const isAsset = (name: string): name is AssetName => Object.hasOwn(assets, name);
const versions = Object.fromEntries(Object.entries(assets).map(([n, a]) => [n, hashOf(a.body)]));

export const assetPath = (name: AssetName) => `/assets/${name}?v=${versions[name]}`;

export const assetsRouter = new Hono<PageEnv>().get('/assets/:name', (c) => {
  const name = c.req.param('name');
  if (!isAsset(name)) return c.notFound();
  const asset = assets[name];
  return c.body(asset.body, 200, {
    'content-type': asset.type,
    'cache-control': 'public, max-age=31536000, immutable',
  });
});
