import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalDataProblem } from '../src/domain/privacy';
import { boundingBox, distanceKm } from '../src/lib/geo';
import { newId, ulid } from '../src/lib/ids';
import { daysMask, fromIntervals, overlapMinutes, toIntervals } from '../src/lib/schedule';
import { containsPersonalIdentityNumber, normaliseOrganizationNumber } from '../src/lib/swedish-ids';

describe('ids', () => {
  it('are prefixed and sort in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId('slot'));
    expect(ids.every((id) => /^slt_[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ulid(1000) < ulid(2000)).toBe(true);
  });
});

describe('Swedish identity numbers', () => {
  it('validates organisationsnummer with the Luhn digit and the third digit rule', () => {
    expect(normaliseOrganizationNumber('556036-0793')).toBe('5560360793');
    expect(normaliseOrganizationNumber('16556036-0793')).toBe('5560360793');
    expect(normaliseOrganizationNumber('556036-0794')).toBeNull();
    expect(normaliseOrganizationNumber('811218-9876')).toBeNull(); // a personnummer (third digit 1)
  });
  it('finds personnummer and samordningsnummer in text', () => {
    expect(containsPersonalIdentityNumber('född 19811218-9876')).toBe(true);
    expect(containsPersonalIdentityNumber('8112189876')).toBe(true);
    expect(containsPersonalIdentityNumber('811278-9873')).toBe(true); // samordningsnummer: day + 60
    expect(containsPersonalIdentityNumber('order 811218-9875')).toBe(false); // wrong check digit
    expect(containsPersonalIdentityNumber('SE-2026-017')).toBe(false);
  });
  it('refuses diagnoses and contact details in participant text, and lets needs through', () => {
    expect(personalDataProblem('har autism')).toMatch(/diagnosis/);
    expect(personalDataProblem('F90.0')).toMatch(/diagnosis/);
    expect(personalDataProblem('maila a@b.se')).toMatch(/email/);
    expect(personalDataProblem('noggrann, gillar fasta rutiner')).toBeNull();
  });
  it('knows common health and diagnosis words in Swedish and English, without refusing ordinary words', () => {
    const refused = [
      'har ångest ibland',
      'Ångest i grupp',
      'prestationsångest',
      'depression',
      'social fobi',
      'socialfobi',
      'tar medicin',
      'medicinering på morgonen',
      'ny medicinen',
      'äter läkemedel',
      'ADHD',
      'har adhd',
      'autism',
      'autistisk',
      'bipolär',
      'schizofreni',
      'paniksyndrom',
      'ätstörning',
      'utmattningssyndrom',
      'deprimerad',
      'F41.1',
      'G40',
      'anxiety at work',
      'social phobia',
      'on medication',
      'eating disorder',
    ];
    for (const text of refused) expect(personalDataProblem(text), text).toMatch(/diagnosis or condition/);
    const ordinary = [
      'medicinsk sekreterare',
      'intresserad av medicinteknik',
      'praktik på läkemedelsföretag',
      'filosofi och fotografi',
      'socialt arbete, gillar att prata',
      'lager och logistik, truckkort',
      'vill jobba med djur',
      'F-skatt och bokföring',
      'kör gaffeltruck',
      'gillar lugn miljö',
    ];
    for (const text of ordinary) expect(personalDataProblem(text), text).toBeNull();
  });
});

describe('schedules', () => {
  it('merge and intersect like sets of minutes', () => {
    const window = fc.record({
      day: fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' as const),
      start: fc.integer({ min: 0, max: 1430 }),
      length: fc.integer({ min: 5, max: 600 }),
    });
    const toWindows = (ws: { day: any; start: number; length: number }[]) =>
      ws.map(({ day, start, length }) => {
        const end = Math.min(1440, start + length);
        const hhmm = (m: number) =>
          `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        return { day, start: hhmm(start), end: hhmm(end) };
      });
    const minutesOf = (intervals: readonly (readonly [number, number])[]) => {
      const set = new Set<number>();
      for (const [s, e] of intervals) for (let m = s; m < e; m++) set.add(m);
      return set;
    };
    fc.assert(
      fc.property(fc.array(window, { maxLength: 6 }), fc.array(window, { maxLength: 6 }), (a, b) => {
        const ia = toIntervals(toWindows(a));
        const ib = toIntervals(toWindows(b));
        const sa = minutesOf(ia);
        const sb = minutesOf(ib);
        expect(overlapMinutes(ia, ib)).toBe([...sa].filter((m) => sb.has(m)).length);
        expect(toIntervals(fromIntervals(ia))).toEqual(ia); // normal form is stable
        // Disjoint; touching only where a day ends (windows never cross midnight).
        for (let i = 1; i < ia.length; i++)
          if (ia[i]![0] === ia[i - 1]![1]) expect(ia[i]![0] % 1440).toBe(0);
          else expect(ia[i]![0]).toBeGreaterThan(ia[i - 1]![1]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
  it('marks the weekdays that have windows', () => {
    expect(
      daysMask([
        { day: 'mon', start: '08:00', end: '09:00' },
        { day: 'sun', start: '08:00', end: '09:00' },
      ]),
    ).toBe(0b1000001);
  });
});

describe('geo', () => {
  it('measures Stockholm–Göteborg and boxes every point within the radius', () => {
    expect(distanceKm(59.3293, 18.0686, 57.7089, 11.9746)).toBeCloseTo(398, -1);
    fc.assert(
      fc.property(
        fc.double({ min: 55, max: 69, noNaN: true }),
        fc.double({ min: 11, max: 24, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (lat, lon, angle, share) => {
          const radius = 50;
          const box = boundingBox(lat, lon, radius);
          // A point at share × radius in some direction (flat approximation, well inside the radius).
          const dLat = (share * radius * Math.cos(angle)) / 111.2;
          const dLon = (share * radius * Math.sin(angle)) / (111.2 * Math.cos((lat * Math.PI) / 180));
          const [pLat, pLon] = [lat + dLat * 0.98, lon + dLon * 0.98];
          if (distanceKm(lat, lon, pLat, pLon) <= radius) {
            expect(pLat).toBeGreaterThanOrEqual(box.minLat);
            expect(pLat).toBeLessThanOrEqual(box.maxLat);
            expect(pLon).toBeGreaterThanOrEqual(box.minLon);
            expect(pLon).toBeLessThanOrEqual(box.maxLon);
          }
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
