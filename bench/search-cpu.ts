/**
 * `npx tsx bench/search-cpu.ts`: the CPU time of each search of the load mix (LOAD_SEARCHES) in the
 * embedded index itself, one at a time, on the demo registry (or a copy of a load registry file,
 * `--from`, e.g. the 100,000-slot one `npm run load` keeps), split into its parts: the text plan
 * (term look-ups), building the statement, running it, and turning its rows into hits (highlighting
 * included). What a search costs the search thread, without the thread. Asserts nothing.
 *
 *   npx tsx bench/search-cpu.ts [--rounds 500] [--from registry.db]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLibsql } from '../src/adapters/db/libsql';
import { embeddedSearch } from '../src/search/embedded';
import { planText } from '../src/search/embedded/plan';
import { searchStatement } from '../src/search/embedded/statement';
import type { SlotSearchQuery } from '../src/search/port';
import { SearchQuerySchema, toSearchQuery } from '../src/search/query';
import { LOAD_SEARCHES } from './lib/load-mix';
import { buildLoadRegistry } from './lib/load-registry';
import { cpuMs } from './lib/stats';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '500' }, from: { type: 'string' } },
});
const rounds = Number(args.rounds);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'se-search-cpu-'));
  try {
    const file = join(dir, 'search.db');
    const today = new Date().toISOString().slice(0, 10);
    if (args.from) copyFileSync(args.from, file);
    else await buildLoadRegistry(file, 0, today);
    const database = await openLibsql(`file:${file}`);
    const db = database.db;
    const index = embeddedSearch(db, { plan: 'cpu' });
    const queries = LOAD_SEARCHES.map((s): [string, SlotSearchQuery] => {
      const params = Object.fromEntries(new URLSearchParams(s));
      const parsed = toSearchQuery(SearchQuerySchema.parse(params));
      if ('errors' in parsed) throw new Error(`${s}: ${JSON.stringify(parsed.errors)}`);
      return [s || '(browse)', { ...parsed.query, today }];
    });
    const todayDay = Math.floor(Date.parse(`${today}T00:00:00Z`) / 86_400_000);
    console.log('| search | hits | whole ms | plan | build | run | rest |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    let sum = 0;
    for (const [name, q] of queries) {
      for (let i = 0; i < 50; i++) await index.search(q);
      let c = cpuMs();
      let hits = 0;
      for (let i = 0; i < rounds; i++) hits = (await index.search(q)).hits.length;
      const whole = (cpuMs() - c) / rounds;
      sum += whole;
      c = cpuMs();
      let text = await planText(db, q.text);
      for (let i = 0; i < rounds; i++) text = await planText(db, q.text);
      const plan = (cpuMs() - c) / rounds;
      c = cpuMs();
      let statement = searchStatement(q, text.match, todayDay, 7000, 'cpu');
      for (let i = 0; i < rounds; i++) statement = searchStatement(q, text.match, todayDay, 7000, 'cpu');
      const build = (cpuMs() - c) / rounds;
      c = cpuMs();
      for (let i = 0; i < rounds; i++) await db.all(statement);
      // Running includes drizzle's toQuery of the statement (one raw text since sql-text.ts: cheap).
      const run = (cpuMs() - c) / rounds;
      const f = (x: number) => x.toFixed(3);
      console.log(
        `| ${name} | ${hits} | ${f(whole)} | ${f(plan)} | ${f(build)} | ${f(run)} | ${f(whole - plan - build - run)} |`,
      );
    }
    console.log(`mean of the searches: ${(sum / queries.length).toFixed(3)} ms`);
    database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
