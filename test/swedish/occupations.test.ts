/** Occupations: the 429 SCB unit groups, every occupation name mapped, the type-ahead over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOccupations, occupationCodesOf, unitGroupByCode, unitGroups } from '../../src/reference';
import occupationWords from '../../src/reference/data/occupation-words.json';
import occupationList from '../../src/reference/data/occupations.json';
import { computeOccupationWords } from '../../src/reference/occupations';
import { createTestApp } from '../helpers/app';

describe('occupation reference', () => {
  it("has SCB's 429 unit groups, and JobTech's merged manager groups besides", () => {
    expect(unitGroups.filter((g) => g.scb)).toHaveLength(429);
    for (const code of ['0110', '1211', '1212', '4430', '5322', '5324', '7619', '9412'])
      expect(unitGroupByCode.get(code)?.scb).toBe(true);
    expect(unitGroupByCode.get('1210')?.scb).toBe(false);
  });

  it('maps every occupation name to a known unit group', () => {
    expect(occupationList.length).toBe(3095);
    expect(occupationList.filter(([, code]) => !unitGroupByCode.has(code!))).toEqual([]);
  });

  it('keeps its precomputed word index current (else: npx tsx scripts/build-occupation-words.ts)', () => {
    const computed = computeOccupationWords();
    expect(computed.size).toBeGreaterThan(2000);
    expect(new Map(Object.entries(occupationWords))).toEqual(computed);
  });

  it('finds the group a word names', () => {
    expect(occupationCodesOf('diskare')).toEqual(['9412']);
    expect(occupationCodesOf('programmerare')).toEqual(['2512']);
    expect(occupationCodesOf('lagerarbetare')).toEqual(['4322']);
    expect(occupationCodesOf('Undersköterska')).toEqual(expect.arrayContaining(['5321', '5323']));
    expect(occupationCodesOf('bröd')).toEqual([]);
  });

  it('answers a type-ahead: exact first, word starts, unaccented, codes', () => {
    expect(findOccupations('diskare')[0]).toMatchObject({ label: 'Diskare', group: { code: '9412' } });
    expect(findOccupations('tradgardsodl')[0]?.label).toBe('Trädgårdsodlare');
    expect(findOccupations('7612')[0]).toMatchObject({ kind: 'group', group: { code: '7612' } });
    expect(findOccupations('76').every((h) => h.group.code.startsWith('76'))).toBe(true);
    expect(findOccupations('xyzqq')).toEqual([]);
  });
});

describe('GET /v1/vocabularies/occupations', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers without a key, best first, with the group and major group', async () => {
    const res = await t.call('GET', '/v1/vocabularies/occupations?q=underskot&limit=3', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(3);
    expect(res.body.data[0]).toMatchObject({
      kind: expect.any(String),
      group: { code: expect.stringMatching(/^53/) },
      major: { code: '5', label: 'Service-, omsorgs- och försäljningsyrken' },
    });
  });

  it('refuses a missing or too long q with a problem', async () => {
    for (const q of ['', `?q=${'a'.repeat(101)}`, '?q=bagare&limit=0']) {
      const res = await t.call('GET', `/v1/vocabularies/occupations${q}`, { key: null });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
