import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/lib/geo';
import { chordSquared, chordToKm, unitVector } from '../../src/matching/sphere';
import { contentStems, needleMatches, phraseNeedles, words } from '../../src/matching/text';

const matches = (needleText: string, slotText: string) =>
  phraseNeedles(needleText).some((n) => contentStems(slotText).some((t) => needleMatches(n, t)));

describe('Swedish text matching', () => {
  it('lowercases and keeps å, ä, ö', () => {
    expect(words('Trädgårdsarbete på Åkersberga')).toEqual(['trädgårdsarbete', 'på', 'åkersberga']);
  });

  it('splits hyphenated words and also keeps them joined', () => {
    expect(words('IT-support')).toEqual(['it', 'support', 'itsupport']);
  });

  it('meets word forms, derivations and spellings without å/ä/ö', () => {
    expect(matches('kockar', 'Kock')).toBe(true);
    expect(matches('bakning', 'baka bröd')).toBe(true);
    expect(matches('bakning', 'Bageribiträde')).toBe(true);
    expect(matches('städning', 'städa kontor')).toBe(true);
    expect(matches('tradgard', 'Trädgårdsarbetare')).toBe(true);
    expect(matches('tradgard', 'Skötsel av trädgård')).toBe(true);
  });

  it('matches compounds by their parts, never by substring', () => {
    expect(matches('verkstad', 'Bilverkstad')).toBe(true);
    expect(matches('bageri', 'Bageribiträde')).toBe(true);
    expect(matches('disk', 'Diskning')).toBe(true);
    expect(matches('disk', 'diskplock')).toBe(true);
    expect(matches('trädgård', 'Trädgårdsarbetare')).toBe(true);
    expect(matches('lagerarbete', 'Lagerarbetare')).toBe(true);
    expect(matches('butik', 'Butiksbiträde')).toBe(true);
    expect(matches('träd', 'Butiksbiträde')).toBe(false);
  });

  it('does not match unrelated words or short fragments inside words', () => {
    expect(matches('bageri', 'Lagerarbetare')).toBe(false);
    expect(matches('it', 'Sitta i kassan')).toBe(false);
    expect(matches('it', 'IT-support')).toBe(true);
    // A compound a participant names is that compound, not its every part.
    expect(matches('trädgårdsarbete', 'Lagerarbetare')).toBe(false);
  });

  it('an occupation name meets slots of its SSYK group', () => {
    expect(phraseNeedles('diskare')).toContain('ssyk9412');
    expect(contentStems('arbeta med djur')).toEqual(['djur']);
  });
});

describe('great-circle distance through unit vectors', () => {
  it('agrees with the haversine in src/lib/geo.ts', () => {
    const points = [
      [59.3293, 18.0686],
      [57.7089, 11.9746],
      [55.605, 13.0038],
      [67.8558, 20.2253],
      [59.33, 18.07],
      [59.3293, 18.0687],
    ] as const;
    for (const [lat1, lon1] of points) {
      for (const [lat2, lon2] of points) {
        const a = unitVector(lat1, lon1);
        const b = unitVector(lat2, lon2);
        const km = chordToKm(chordSquared(a.x, a.y, a.z, b.x, b.y, b.z));
        expect(Math.abs(km - distanceKm(lat1, lon1, lat2, lon2))).toBeLessThan(1e-6);
      }
    }
  });
});
