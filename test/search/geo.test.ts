/** The embedded search's distance pre-filter: grid cells never lose a point inside the radius. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/lib/geo';
import { cellList, cellOf, cellRanges, flatWeights } from '../../src/search/embedded/geo';

const sweden = { lat: fc.double({ min: 55.3, max: 69 }), lon: fc.double({ min: 11, max: 24 }) };

describe('grid cells for a radius', () => {
  it('list or span the cell of every point within the radius', () => {
    fc.assert(
      fc.property(
        sweden.lat,
        sweden.lon,
        fc.double({ min: 0.5, max: 150 }),
        fc.double({ min: 0, max: 0.999 }),
        fc.double({ min: 0, max: 2 * Math.PI }),
        (lat, lon, radius, fraction, angle) => {
          // A point at `fraction` of the radius in direction `angle`.
          const r = radius * fraction;
          const pLat = lat + (r * Math.cos(angle)) / 111.195;
          const pLon = lon + (r * Math.sin(angle)) / (111.195 * Math.cos((lat * Math.PI) / 180));
          fc.pre(distanceKm(lat, lon, pLat, pLon) < radius * 0.995);
          const cell = cellOf(pLat, pLon);
          const listed = cellList(lat, lon, radius);
          if (listed) expect(listed).toContain(cell);
          else expect(cellRanges(lat, lon, radius).some(([a, b]) => cell >= a && cell <= b)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves out the corners of the box and lists few cells for city radii', () => {
    const cells = cellList(59.33, 18.07, 25)!;
    const box = cellRanges(59.33, 18.07, 25).reduce((n, [a, b]) => n + b - a + 1, 0);
    expect(cells.length).toBeLessThan(box);
    expect(cells.length).toBeLessThan(60);
    expect(cellList(62, 16, 900)).toBeNull();
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
