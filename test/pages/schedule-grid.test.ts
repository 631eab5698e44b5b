/**
 * The weekly grid keeps what users put in it: a slot with three windows on one day shows all three
 * on its edit page (and one empty row to add a fourth, without any script), and saving the form
 * unchanged stores the same schedule. Before, the grid showed two windows a day and a save dropped the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';
import { formFields, pageClient } from './client';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the schedule grid', () => {
  it('shows every window of a day, offers one more, and an unchanged save keeps them all', async () => {
    const employer = await orgWithKey(t, 'employer', 'employer');
    const sup = await createSupervisor(t, employer.key);
    const schedule = [
      { day: 'mon', start: '07:00', end: '09:00' },
      { day: 'mon', start: '10:00', end: '12:00' },
      { day: 'mon', start: '13:00', end: '15:00' },
      { day: 'thu', start: '08:00', end: '12:00' },
    ];
    const slot = await createSlot(t, employer.key, [sup.id], { schedule, hoursPerWeek: { min: 4, max: 10 } });
    const browser = pageClient(t);
    await browser.signInWithKey(employer.key);
    const edit = await browser.get(`/slots/${slot.id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('name="schedule.mon.2.start" value="13:00"');
    expect(edit.html).toContain('name="schedule.mon.3.start"');
    expect(edit.html).not.toContain('name="schedule.mon.4.start"');
    expect(edit.html).toContain('name="schedule.thu.1.start"');
    expect(edit.html).not.toContain('name="schedule.thu.2.start"');

    const saved = await browser.post(`/slots/${slot.id}`, formFields(edit.html, `/slots/${slot.id}`));
    expect(saved.status, saved.html.replace(/<[^>]+>/g, ' ').slice(0, 1500)).toBe(303);
    const stored = await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key });
    expect(stored.body.schedule).toEqual(schedule);

    // A fourth Monday window in the offered row.
    const more = formFields((await browser.get(`/slots/${slot.id}/edit`)).html, `/slots/${slot.id}`);
    more['schedule.mon.3.start'] = ['16:00'];
    more['schedule.mon.3.end'] = ['17:00'];
    expect((await browser.post(`/slots/${slot.id}`, more)).status).toBe(303);
    const after = await t.call('GET', `/v1/slots/${slot.id}`, { key: employer.key });
    expect(after.body.schedule.filter((w: { day: string }) => w.day === 'mon')).toHaveLength(4);
  });
});
