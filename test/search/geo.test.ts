/** The embedded search's distance pre-filter: docid ranges never lose a point inside the radius. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/lib/geo';
import {
  COLUMNS,
  cellOf,
  docidBand,
  docidRanges,
  flatWeights,
  PER_CELL,
} from '../../src/search/embedded/geo';

const sweden = { lat: fc.double({ min: 55.3, max: 69 }), lon: fc.double({ min: 11, max: 24 }) };

describe('docid ranges for a radius', () => {
  it('hold every document within the radius, whatever its place in its cell', () => {
    fc.assert(
      fc.property(
        sweden.lat,
        sweden.lon,
        fc.double({ min: 0.5, max: 300 }),
        fc.double({ min: 0, max: 0.999 }),
        fc.double({ min: 0, max: 2 * Math.PI }),
        fc.integer({ min: 0, max: PER_CELL - 1 }),
        (lat, lon, radius, fraction, angle, seq) => {
          // A point at `fraction` of the radius in direction `angle`.
          const r = radius * fraction;
          const pLat = lat + (r * Math.cos(angle)) / 111.195;
          const pLon = lon + (r * Math.sin(angle)) / (111.195 * Math.cos((lat * Math.PI) / 180));
          fc.pre(distanceKm(lat, lon, pLat, pLon) < radius * 0.995);
          const docid = cellOf(pLat, pLon) * PER_CELL + seq;
          expect(docidRanges(lat, lon, radius).some(([a, b]) => docid >= a && docid <= b)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is one range per grid row, nearest row first, and far places fall outside', () => {
    const ranges = docidRanges(59.33, 18.07, 25);
    // 25 km is 0.22° of latitude each way: 5 or 6 rows of 0.1°.
    expect(ranges.length).toBeGreaterThanOrEqual(5);
    expect(ranges.length).toBeLessThanOrEqual(6);
    const here = cellOf(59.33, 18.07) * PER_CELL;
    expect(ranges[0]![0] <= here && here <= ranges[0]![1]).toBe(true);
    const gothenburg = cellOf(57.7, 11.97) * PER_CELL;
    const uppsala = cellOf(59.86, 17.64) * PER_CELL;
    for (const docid of [gothenburg, uppsala])
      expect(ranges.some(([a, b]) => docid >= a && docid <= b)).toBe(false);
    // Docids stay exact in JavaScript numbers anywhere on the globe.
    expect(cellOf(90, 180) * PER_CELL + PER_CELL).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('as one band and its columns, hold exactly the documents of the ranges', () => {
    fc.assert(
      fc.property(
        sweden.lat,
        sweden.lon,
        fc.double({ min: 0.5, max: 300 }),
        sweden.lat,
        sweden.lon,
        fc.integer({ min: 0, max: PER_CELL - 1 }),
        (lat, lon, radius, pLat, pLon, seq) => {
          const docid = cellOf(pLat, pLon) * PER_CELL + seq;
          const band = docidBand(lat, lon, radius);
          const column = Math.floor(docid / PER_CELL) % COLUMNS;
          const inBand =
            docid >= band.first &&
            docid <= band.last &&
            column >= band.firstColumn &&
            column <= band.lastColumn;
          const inRanges = docidRanges(lat, lon, radius).some(([a, b]) => docid >= a && docid <= b);
          expect(inBand).toBe(inRanges);
        },
      ),
      { numRuns: 1000 },
    );
    // Karlstad lies on Stockholm's grid rows but far west of a 25 km radius: in the band, not in it.
    const band = docidBand(59.33, 18.07, 25);
    const karlstad = cellOf(59.38, 13.5) * PER_CELL;
    expect(karlstad >= band.first && karlstad <= band.last).toBe(true);
    expect(Math.floor(karlstad / PER_CELL) % COLUMNS).toBeLessThan(band.firstColumn);
  });

  it('measures local distances within half a per cent of the great circle at 100 km', () => {
    const { kx2, ky2 } = flatWeights(59.33);
    for (const [lat, lon] of [
      [60.2, 18.07],
      [59.33, 19.83],
      [59.9, 19.2],
    ] as const) {
      const flat = Math.sqrt((lat - 59.33) ** 2 * ky2 + (lon - 18.07) ** 2 * kx2);
      const exact = distanceKm(59.33, 18.07, lat, lon);
      expect(Math.abs(flat - exact) / exact).toBeLessThan(0.005);
    }
  });
});
