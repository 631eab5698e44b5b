/** The SUS export: the period's in- and out-registrations, one row each, every column described. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, issueKey, orgWithKey } from '../helpers/factories';
import { fakeClock } from '../mail/support';

const clock = fakeClock('2024-11-20T09:00:00Z');
let t: TestApp;
let handler: string;
let coordinator: string;
const ids: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock: clock.now });
  const provider = await orgWithKey(t, 'provider', 'handler');
  handler = provider.key;
  coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
  ids.push((await createParticipant(t, handler, { reference: 'SE-2024-001' })).id); // before the period
  clock.set('2025-02-03T09:00:00Z');
  ids.push((await createParticipant(t, handler, { reference: 'SE-2025-002' })).id);
  ids.push((await createParticipant(t, handler, { reference: 'SE-2025-003' })).id);
  clock.set('2025-09-01T09:00:00Z');
  for (const [id, date, outcome] of [
    [ids[0], '2025-03-01', 'studies'],
    [ids[1], '2025-08-20', 'unsubsidized_work'],
  ] as const) {
    const res = await t.call('POST', `/v1/participants/${id}/exit`, {
      key: handler,
      body: { date, outcome },
    });
    expect(res.status, res.text).toBe(201);
  }
}, 60_000);
afterAll(() => t.close());

describe('SUS export', () => {
  it('lists every registration and exit of the period, one row per participant', async () => {
    const res = await t.call('GET', '/v1/reports/sus-export?from=2025-01-01&to=2025-12-31', {
      key: coordinator,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.rows).toEqual([
      {
        reference: 'SE-2024-001',
        participantId: ids[0],
        municipalityCode: '0180',
        registeredOn: '2024-11-20',
        exitOn: '2025-03-01',
        exitCategory: 'studies',
        exitCategoryText: 'Studier',
        daysInProgramme: 101,
        followUp3: null,
        followUp6: null,
        followUp12: null,
      },
      expect.objectContaining({
        reference: 'SE-2025-002',
        exitOn: '2025-08-20',
        exitCategory: 'unsubsidized_work',
        daysInProgramme: 198,
      }),
      expect.objectContaining({
        reference: 'SE-2025-003',
        registeredOn: '2025-02-03',
        exitOn: null,
        exitCategory: null,
      }),
    ]);
    for (const c of res.body.columns) {
      expect(c.description.sv.length).toBeGreaterThan(10);
      expect(c.description.en.length).toBeGreaterThan(10);
    }
    expect(res.body.columns.map((c) => c.id)).toEqual(Object.keys(res.body.rows[0]!));
  });

  it('a period before anyone registered is empty', async () => {
    const res = await t.call('GET', '/v1/reports/sus-export?from=2023-01-01&to=2023-12-31', {
      key: coordinator,
    });
    expect(res.body.rows).toEqual([]);
  });

  it('CSV: UTF-8 with BOM, SUS headers, å/ä/ö intact', async () => {
    const res = await t.app.request('/v1/reports/sus-export?from=2025-01-01&to=2025-12-31&format=csv', {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe(
      'Deltagarkod;Registrets id;Kommunkod;Inskrivningsdatum;Utskrivningsdatum;Avslutskod;Sysselsättning vid avslut;Dagar i insatsen;Uppföljning 3 mån;Uppföljning 6 mån;Uppföljning 12 mån',
    );
    expect(lines[1]).toBe(`SE-2024-001;${ids[0]};0180;2024-11-20;2025-03-01;studies;Studier;101;;;`);
    expect(lines).toHaveLength(5); // header, 3 rows, the final line break
  });

  it('refuses an employer', async () => {
    const employer = await orgWithKey(t, 'employer', 'employer');
    expect((await t.call('GET', '/v1/reports/sus-export', { key: employer.key })).status).toBe(403);
  });
});
