/** The query-string parser: lists, points, defaults, and the rules that tie parameters together. */
import { describe, expect, it } from 'vitest';
import { encodeOffsetCursor } from '../../src/search/filters';
import { SearchQuerySchema, toSearchQuery } from '../../src/search/query';

const parse = (params: Record<string, string>) => {
  const valid = SearchQuerySchema.safeParse(params);
  if (!valid.success) return { issues: valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return toSearchQuery(valid.data);
};
const query = (params: Record<string, string>) => {
  const r = parse(params);
  if (!('query' in r)) throw new Error(JSON.stringify(r));
  return r.query;
};

describe('search query string', () => {
  it('defaults to open slots with a free place, newest first, 20 a page', () => {
    expect(query({})).toMatchObject({
      text: '',
      statuses: ['open'],
      includeFull: false,
      sort: 'newest',
      limit: 20,
      offset: 0,
      municipalityCodes: [],
      adaptations: [],
    });
  });

  it('sorts by relevance with text and by distance with only a point', () => {
    expect(query({ q: ' bageri ' })).toMatchObject({ text: 'bageri', sort: 'relevance' });
    expect(query({ near: '59.33,18.06' }).sort).toBe('distance');
    expect(query({ q: 'x', near: '59.33,18.06', sort: 'newest' }).sort).toBe('newest');
  });

  it('reads comma-separated lists, without repeats', () => {
    expect(
      query({
        municipalityCode: '0180, 1480,0180',
        kind: 'work_training,internship',
        adaptations: 'quiet_workspace',
        days: 'mon,wed',
        socialIntensity: 'low',
        physicalDemand: 'low,medium',
        status: 'open,paused',
      }),
    ).toMatchObject({
      municipalityCodes: ['0180', '1480'],
      kinds: ['work_training', 'internship'],
      adaptations: ['quiet_workspace'],
      days: ['mon', 'wed'],
      socialIntensity: ['low'],
      physicalDemand: ['low', 'medium'],
      statuses: ['open', 'paused'],
    });
  });

  it('reads numbers, flags and a point', () => {
    expect(
      query({
        hours: '10',
        minDurationWeeks: '26',
        openEnded: 'false',
        leadsToHire: 'true',
        includeFull: 'true',
        near: '57.7089, 11.9746',
        radiusKm: '25',
        limit: '50',
      }),
    ).toMatchObject({
      hours: 10,
      minDurationWeeks: 26,
      openEnded: false,
      leadsToHire: true,
      includeFull: true,
      near: { lat: 57.7089, lon: 11.9746 },
      radiusKm: 25,
      limit: 50,
    });
  });

  it('refuses unknown codes and values, naming the parameter', () => {
    const r = parse({
      municipalityCode: '0180,9999',
      adaptations: 'quiet_workspace,diagnosis',
      kind: 'job',
      days: 'funday',
      status: 'closed',
      near: '40.7,-74.0',
      hours: '90',
      limit: '500',
    });
    expect('issues' in r && r.issues).toEqual([
      'municipalityCode: not a municipality code: 9999',
      'kind: unknown kind: job',
      'adaptations: unknown adaptation code: diagnosis',
      'days: unknown weekday: funday',
      'hours: Too big: expected number to be <=60',
      'near: must be within Sweden',
      'status: unknown status: closed',
      'limit: Too big: expected number to be <=100',
    ]);
  });

  it('ties parameters together: a radius or distance sort needs a point; cursors must be ours', () => {
    expect(parse({ radiusKm: '10' })).toEqual({
      errors: [{ path: 'query.radiusKm', message: 'needs `near` (lat,lon)' }],
    });
    expect(parse({ sort: 'distance' })).toEqual({
      errors: [{ path: 'query.sort', message: 'distance needs `near`' }],
    });
    expect(parse({ cursor: 'bm90LWEtY3Vyc29y' })).toEqual({
      errors: [{ path: 'query.cursor', message: 'is not a cursor this API gave out' }],
    });
    expect(query({ cursor: encodeOffsetCursor(40) }).offset).toBe(40);
    expect('errors' in parse({ cursor: encodeOffsetCursor(20_000) })).toBe(true);
  });
});
