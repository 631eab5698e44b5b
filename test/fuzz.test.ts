/**
 * Bad input never causes a 500: every operation in the OpenAPI document gets arbitrary JSON bodies,
 * query strings and path ids, through the real app, as several kinds of caller. Each answer must be a
 * success or a 4xx problem document.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActors } from './helpers/actors';
import { createTestApp, type TestApp } from './helpers/app';
import { createParticipant, createSlot, createSupervisor } from './helpers/factories';

let t: TestApp;
let keys: string[];
let operations: { method: string; path: string; hasBody: boolean }[];
const existing: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const cast = await createActors(t);
  keys = [
    cast.keys.platform,
    cast.keys['empA.employer'],
    cast.keys['prov.handler'],
    cast.keys['ent.enterprise'],
  ];
  const sup = await createSupervisor(t, cast.keys['empA.employer']);
  existing.sup = sup.id;
  existing.slt = (await createSlot(t, cast.keys['empA.employer'], [sup.id])).id;
  existing.prt = (await createParticipant(t, cast.keys['prov.handler'])).id;
  existing.org = cast.orgs.empA.id;
  const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
  operations = Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        hasBody: !!op.requestBody,
      })),
  );
});
afterAll(() => t.close());

/** Fills `{id}`-style parameters with an existing id of the right kind, a foreign one, or garbage. */
const pathFor = (template: string, choice: number) =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const prefix = name === 'id' ? (template.match(/\/v1\/(\w+)/)?.[1] ?? '') : name;
    const kind =
      { organizations: 'org', slots: 'slt', participants: 'prt', supervisors: 'sup' }[prefix] ?? 'xyz';
    return [
      existing[kind] ?? `${kind}_01JD3S2Q7ZK4V0X9YB6N5M8T2R`,
      `${kind}_01JD3S2Q7ZK4V0X9YB6N5M8T2R`,
      'not-an-id',
      '%E2%82',
    ][choice % 4]!;
  });

describe('no input causes a 500', () => {
  it('answers every documented operation with arbitrary input with 2xx or a 4xx problem', async () => {
    expect(operations.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 3 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.dictionary(
          fc.constantFrom('limit', 'cursor', 'q', 'near', 'status', 'kind', 'handlerId', 'radiusKm'),
          fc.string(),
        ),
        async (which, keyIndex, body, query) => {
          const op = operations[which % operations.length]!;
          const qs = new URLSearchParams(query).toString();
          const path = `${pathFor(op.path, which)}${qs ? `?${qs}` : ''}`;
          const res = await t.call(op.method, path, {
            key: keys[keyIndex],
            body: op.hasBody ? body : undefined,
          });
          if (res.status >= 500)
            throw new Error(`${op.method} ${path} → ${res.status}: ${res.text.slice(0, 300)}`);
          if (res.status >= 400)
            expect(res.headers.get('content-type')).toContain('application/problem+json');
        },
      ),
      { numRuns: 1500, seed: 20261129 },
    );
  }, 120_000);
});
