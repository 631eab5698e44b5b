/**
 * Tests call the API through typed helpers: `call` answers with the type the route documents
 * (test/helpers/call.ts), so reading a field the answer does not have fails to compile. An `any` in a
 * helper would switch that off for every test that uses it, so none is allowed there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerOf, RouteOf } from '../helpers/call';
import { root, sourceFiles } from './source';

/** `any` as a type: `: any`, `<any>`, `any[]`, `as any`, `= any`, `| any`. */
const anyType = /(?::|<|\bas|=|\||,)\s*any\b(?!\s*(?:one|thing|where|of|more|other|order|value|segment))/;

/** Helpers: every test file's support code (not the test files themselves). */
const helpers = () => sourceFiles('test').filter((f) => !f.endsWith('.test.ts'));

describe('typed test helpers', () => {
  it('use no any', () => {
    const found = helpers().flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          !/^\s*(?:\/\/|\*)/.test(line) && anyType.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });

  it('type a path by its documented route, a literal segment before a parameter', () => {
    // Checked by the compiler: each line fails to compile if the route types drift.
    const search: RouteOf<'/v1/slots/search?q=bageri'> = '/v1/slots/search';
    const slot: RouteOf<`/v1/slots/${string}`> = '/v1/slots/:id';
    const accept: RouteOf<`/v1/placements/${string}/accept`> = '/v1/placements/:id/accept';
    const state: AnswerOf<'POST', `/v1/placements/${string}/accept`>['state'] = 'accepted';
    const unknownRoute: AnswerOf<'GET', '/v1/no-such-route'> = 'anything at all';
    // @ts-expect-error: a slot has no `reference` (participants do)
    const wrong: AnswerOf<'GET', `/v1/slots/${string}`>['reference'] = 'x';
    expect([search, slot, accept, state, unknownRoute, wrong]).toHaveLength(6);
  });
});
