/**
 * Follow-up reports over 10,000 participants: the demo registry (with its slots) plus 10,000
 * participants of the demo provider registered through the participants service across Stockholm's
 * municipalities, 3,000 of them exited; then each report timed through the reports service as the
 * coordinator sees it (median and worst of 5 runs after one warm-up). Target: under 1 s each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outcomeCategories } from '../db/schema';
import { migrateLibsql, openLibsql } from '../src/adapters/db/libsql';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { seedDemo } from '../src/demo/seed';
import { silentLogger } from '../src/lib/logger';
import { ParticipantCreate } from '../src/services/participants/schemas';

const PARTICIPANTS = Number(process.env.REPORT_PARTICIPANTS ?? 10_000);
const EXITS = Math.round(PARTICIPANTS * 0.3);
const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
const database = await openLibsql(`file:${join(dir, 'bench.db')}`);
await migrateLibsql(database);
const config = loadConfig({
  NODE_ENV: 'test',
  ADMIN_API_KEY: 'bench-admin-key-0123456789abcdef',
  LOG_LEVEL: 'silent',
});
const app = createApp({ config, db: database.db, logger: silentLogger });
await seedDemo(app.services);
const s = app.services;
const handler = (await s.apiKeys.authenticate('sek_demo_handler_anna'))!;
const coordinator = (await s.apiKeys.authenticate('sek_demo_coordinator_eva'))!;

const municipalities = ['0180', '0126', '0127', '0136', '0138', '0160', '0162', '0182', '0184', '0186'];
const needs = ['quiet_workspace', 'short_shifts', 'accessible_toilet', 'gradual_introduction'];
let started = performance.now();
const ids: string[] = [];
for (let i = 0; i < PARTICIPANTS; i++) {
  const input = ParticipantCreate.parse({
    reference: `B-${i}`,
    strengths: ['noggrann'],
    interests: [i % 2 ? 'lager' : 'café'],
    availability: [
      { day: 'mon', start: '08:00', end: '16:00' },
      { day: 'wed', start: '08:00', end: '16:00' },
    ],
    hoursPerWeek: { now: 4 + (i % 12), target: 10 + (i % 30) },
    adaptationNeeds: [{ code: needs[i % needs.length], priority: i % 3 ? 'nice' : 'must' }],
    location: { municipalityCode: municipalities[i % municipalities.length] },
    maxTravelKm: 5 + (i % 25),
  });
  ids.push((await s.participants.create(handler, input)).id);
}
console.log(
  `registered ${PARTICIPANTS} participants in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
started = performance.now();
for (let i = 0; i < EXITS; i++)
  await s.followUps.recordExit(handler, ids[i]!, {
    outcome: outcomeCategories[i % outcomeCategories.length]!,
  });
console.log(`recorded ${EXITS} exits in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const reports: [string, () => Promise<unknown>][] = [
  ['outcomes', () => s.reports.outcomes(coordinator, {})],
  ['fidelity', () => s.reports.fidelity(coordinator, {})],
  ['supply', () => s.reports.supply(coordinator, {})],
  ['payoff', () => s.reports.payoff(coordinator, {})],
  ['sus-export', () => s.reports.susExport(coordinator, {})],
];
for (const [name, run] of reports) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(11)} over ${PARTICIPANTS} participants: median ${times[2]!.toFixed(0)} ms, worst ${times[4]!.toFixed(0)} ms (target < 1000 ms)`,
  );
}
database.close();
rmSync(dir, { recursive: true, force: true });
