/** Slot row → search document: only listed fields, nothing about people, dates as numbers. */
import { describe, expect, it } from 'vitest';
import type { DerivedSlotColumns, slots } from '../../db/schema';
import { listingOf, toCapacityDocument } from '../../src/search/capacity-document';
import { isIndexable, searchDocumentFields, searchText, toSearchDocument } from '../../src/search/document';

type SlotRow = Omit<typeof slots.$inferSelect, DerivedSlotColumns>;
const row = (overrides: Partial<SlotRow> = {}): SlotRow => ({
  id: 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
  organizationId: 'org_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
  siteId: 'sit_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
  title: 'Bageribiträde i surdegsbageri',
  description: 'Baka bröd tidigt på morgonen.',
  tasks: ['baka bröd', 'diska'],
  ssyk: '9413',
  occupationLabel: 'Kafé- och konditoribiträden',
  kind: 'work_training',
  municipalityCode: '1480',
  address: 'Bagargatan 1, 411 01 Göteborg',
  lat: 57.7,
  lon: 11.97,
  capacity: 3,
  taken: 1,
  schedule: [
    { day: 'mon', start: '06:00', end: '10:00' },
    { day: 'thu', start: '06:00', end: '10:00' },
  ],
  daysMask: 0b1001,
  hoursMin: 4,
  hoursMax: 8,
  startDate: '2026-01-05',
  endDate: '2026-07-05',
  openEnded: false,
  adaptations: [
    { code: 'quiet_workspace', status: 'in_place' },
    { code: 'slower_pace', status: 'can_arrange' },
  ],
  adaptationMask: 0b10001,
  adaptationArrangeMask: 0b10000,
  socialIntensity: 'low',
  physicalDemand: 'medium',
  subsidies: ['lonebidrag'],
  leadsToHire: true,
  suits: [],
  status: 'open',
  createdAt: '2026-01-01T08:00:00.000Z',
  updatedAt: '2026-01-02T08:00:00.000Z',
  ...overrides,
});

describe('search document', () => {
  it('has exactly the listed fields: no address, site, supervisors or anything about participants', () => {
    const doc = toSearchDocument(row(), 'Bageriet AB');
    expect(Object.keys(doc).sort()).toEqual([...searchDocumentFields].sort());
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Bagargatan');
    expect(text).not.toContain('sit_');
    for (const key of Object.keys(doc))
      expect(key).not.toMatch(/participant|supervisor|address|email|phone|reference/i);
  });

  it('maps place, schedule, adaptations and places', () => {
    expect(toSearchDocument(row(), 'Bageriet AB')).toMatchObject({
      organizationName: 'Bageriet AB',
      municipalityName: 'Göteborg',
      days: ['mon', 'thu'],
      adaptations: ['quiet_workspace', 'slower_pace'],
      capacity: 3,
      freePlaces: 2,
      tasks: ['baka bröd', 'diska'],
    });
  });

  it('gives fixed-term slots day numbers and a duration, open-ended ones none', () => {
    const fixed = toSearchDocument(row(), 'x');
    expect(fixed.endDay! - fixed.startDay).toBe(181);
    expect(fixed.durationDays).toBe(181);
    expect(fixed.startDay).toBe(Date.parse('2026-01-05') / 86_400_000);
    const open = toSearchDocument(row({ openEnded: true, endDate: null }), 'x');
    expect(open).toMatchObject({ endDay: null, durationDays: null, endDate: null, openEnded: true });
  });

  it('leaves closed slots out of the index', () => {
    expect(isIndexable(row({ status: 'closed' }))).toBe(false);
    expect(isIndexable(row({ status: 'paused' }))).toBe(true);
  });

  it('searches the title apart from the rest, description first, in composed form', () => {
    const { title, body } = searchText({ ...row(), keys: '', title: 'Bro\u0308dbagare' });
    expect(title).toBe('Brödbagare');
    expect(body).toBe('Baka bröd tidigt på morgonen.\nbaka bröd\ndiska\nKafé- och konditoribiträden');
  });
});

describe('capacity listing document', () => {
  const listing = {
    id: 'cap_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
    organizationId: 'org_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
    siteId: null,
    title: 'Arbetsträning i café och second hand',
    description: 'Lugnt tempo.',
    activityAreas: ['café', 'second hand', 'cykelverkstad'],
    municipalityCode: '0180',
    places: 10,
    placesTaken: 4,
    participantsPerSupervisor: 4,
    programmes: ['rehabilitation' as const],
    referralSources: ['social_services'],
    hoursMin: 5,
    hoursMax: 25,
    status: 'open' as const,
    createdAt: '2026-02-03T08:00:00.000Z',
    updatedAt: '2026-02-03T08:00:00.000Z',
  };

  it('has the same listed fields as a slot document, and nothing about referrals or people', () => {
    const doc = toCapacityDocument(listing, 'Återbruket', { lat: 59.33, lon: 18.07 });
    expect(Object.keys(doc).sort()).toEqual([...searchDocumentFields].sort());
    expect(JSON.stringify(doc)).not.toMatch(/social_services|rehabilitation/);
    expect(listingOf(doc.id)).toBe('capacity');
    expect(listingOf('slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R')).toBe('slot');
  });

  it('is found by its areas and compound parts, and states only what the listing states', () => {
    const doc = toCapacityDocument(listing, 'Återbruket', { lat: 59.33, lon: 18.07 });
    expect(doc.keys.split(' ')).toEqual(expect.arrayContaining(['verkst', 'cykel', 'secondhand', 'caf']));
    expect(doc).toMatchObject({
      kind: 'work_training',
      capacity: 10,
      freePlaces: 6,
      canTakeSomeone: true,
      daysMask: 0,
      adaptationMask: 0,
      ssyk: null,
      socialIntensity: null,
      physicalDemand: null,
      openEnded: true,
      startDate: '2026-02-03',
    });
  });
});
