import { describe, expect, it } from 'vitest';
import { addMonths, atLocalTime, localDate, nextLocalTime } from '../../src/lib/local-time';
import { followUpDate, followUpKind } from '../../src/services/notifications/followup';

describe('Swedish local time', () => {
  it('finds 08:00 local on both sides of the summer-time changes (2027: 28 March, 31 October)', () => {
    expect(atLocalTime('2027-03-27', '08:00').toISOString()).toBe('2027-03-27T07:00:00.000Z');
    expect(atLocalTime('2027-03-28', '08:00').toISOString()).toBe('2027-03-28T06:00:00.000Z');
    expect(atLocalTime('2027-10-30', '08:00').toISOString()).toBe('2027-10-30T06:00:00.000Z');
    expect(atLocalTime('2027-10-31', '08:00').toISOString()).toBe('2027-10-31T07:00:00.000Z');
  });

  it('gives the local date, which differs from UTC around midnight', () => {
    expect(localDate(new Date('2027-01-04T23:30:00Z'))).toBe('2027-01-05');
    expect(localDate(new Date('2027-07-04T21:59:00Z'))).toBe('2027-07-04');
    expect(localDate(new Date('2027-07-04T22:00:00Z'))).toBe('2027-07-05');
  });

  it('next 08:00 is today before it and tomorrow from it on', () => {
    expect(nextLocalTime(new Date('2027-01-04T06:59:59Z'), '08:00').toISOString()).toBe(
      '2027-01-04T07:00:00.000Z',
    );
    expect(nextLocalTime(new Date('2027-01-04T07:00:00Z'), '08:00').toISOString()).toBe(
      '2027-01-05T07:00:00.000Z',
    );
  });

  it('adds months, keeping to the month’s last day', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
  });
});

describe('follow-along schedule (IPS)', () => {
  it('is 3 days after start, weekly through the first month, then monthly without end', () => {
    const dates = Array.from({ length: 9 }, (_, i) => followUpDate('2027-01-31', i + 1));
    expect(dates).toEqual([
      '2027-02-03',
      '2027-02-07',
      '2027-02-14',
      '2027-02-21',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
    ]);
    expect([1, 2, 5, 6, 40].map(followUpKind)).toEqual([
      'first_contact',
      'weekly',
      'weekly',
      'monthly',
      'monthly',
    ]);
  });
});
