/**
 * The occupation type-ahead (`GET /v1/vocabularies/occupations?q=`): every prefix a person types of
 * 200 occupation names (also without å/ä/ö), timed in the service function and through the whole
 * HTTP stack (app.request, no database read). Target: p95 under 10 ms.
 */
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/lib/logger';
import { fold } from '../src/lib/swedish/fold';
import occupationList from '../src/reference/data/occupations.json';
import { lookupOccupations } from '../src/services/occupations';
import { summarize } from './lib/stats';

const names = occupationList.filter((_o, i) => i % 15 === 0).map(([name]) => name!.toLowerCase());
const typed: string[] = [];
for (const [i, name] of names.entries()) {
  const word = i % 2 ? fold(name) : name;
  for (let n = 1; n <= Math.min(word.length, 12); n++) typed.push(word.slice(0, n));
}

const coldStart = performance.now();
lookupOccupations({ q: 'bagare', limit: 10 });
console.log(`first call (builds the in-memory lists): ${(performance.now() - coldStart).toFixed(1)} ms`);

const direct: number[] = [];
for (const q of typed) {
  const t = performance.now();
  lookupOccupations({ q, limit: 10 });
  direct.push(performance.now() - t);
}
console.log(`service, ${typed.length} keystrokes:`, summarize(direct));

const { db } = await import('../src/adapters/db/libsql').then((m) => m.openLibsql(':memory:'));
const app = createApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  db,
  logger: silentLogger,
});
const http: number[] = [];
for (const q of typed) {
  const t = performance.now();
  const res = await app.request(`/v1/vocabularies/occupations?q=${encodeURIComponent(q)}`);
  await res.text();
  http.push(performance.now() - t);
}
const s = summarize(http);
console.log(
  `HTTP (app.request), ${typed.length} keystrokes:`,
  s,
  s.p95 < 10 ? 'p95 < 10 ms ✓' : 'p95 ≥ 10 ms ✗',
);
