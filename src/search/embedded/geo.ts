/**
 * Distance for the embedded search without SQL math functions (D1 may lack them): a grid of cells
 * for the index pre-filter, and a local flat-earth distance around the query point in SQL, exact
 * enough within the radii people search (under 0.5 % at 100 km). Reported distances are haversine.
 */
import { boundingBox } from '../../lib/geo';

const CELL_LAT = 0.1;
const CELL_LON = 0.2;
/** Kilometres per degree of latitude on the sphere lib/geo uses. */
export const KM_PER_DEGREE = 111.195;

/** The grid cell of a point: about 11 × 11 km in Sweden. */
export function cellOf(lat: number, lon: number): number {
  return Math.floor(lat / CELL_LAT) * 1000 + Math.floor(lon / CELL_LON);
}

/** Contiguous runs of cells [from, to] that cover every point within radiusKm: one per grid row. */
export function cellRanges(lat: number, lon: number, radiusKm: number): [number, number][] {
  const box = boundingBox(lat, lon, radiusKm);
  const x0 = Math.floor(box.minLon / CELL_LON);
  const x1 = Math.floor(box.maxLon / CELL_LON);
  const ranges: [number, number][] = [];
  for (let y = Math.floor(box.minLat / CELL_LAT); y <= Math.floor(box.maxLat / CELL_LAT); y++)
    ranges.push([y * 1000 + x0, y * 1000 + x1]);
  return ranges;
}

/** Most cells listed one by one; past this (radii of hundreds of km) rows of cells are ranges. */
export const MAX_LISTED_CELLS = 2500;

/**
 * Every cell that may hold a point within radiusKm, or null when there are too many to list. Listed
 * cells let the index seek to each cell's open slots of the wanted kind instead of scanning all of a
 * row's entries; cells whose nearest point is outside the circle are left out.
 */
export function cellList(lat: number, lon: number, radiusKm: number): number[] | null {
  const ranges = cellRanges(lat, lon, radiusKm);
  const width = ranges[0] ? ranges[0][1] - ranges[0][0] + 1 : 0;
  if (ranges.length * width > MAX_LISTED_CELLS) return null;
  const { kx2, ky2 } = flatWeights(lat);
  const cells: number[] = [];
  for (const [from, to] of ranges) {
    const y = Math.floor(from / 1000);
    // The cell's closest latitude and longitude to the centre.
    const nearLat = Math.min(Math.max(lat, y * CELL_LAT), (y + 1) * CELL_LAT);
    for (let cell = from; cell <= to; cell++) {
      const x = cell - y * 1000;
      const nearLon = Math.min(Math.max(lon, x * CELL_LON), (x + 1) * CELL_LON);
      const d2 = (nearLat - lat) ** 2 * ky2 + (nearLon - lon) ** 2 * kx2;
      if (d2 <= radiusKm * radiusKm * 1.01) cells.push(cell);
    }
  }
  return cells;
}

/** Squared-distance weights: d² ≈ (Δlat·ky)² + (Δlon·kx)² km² near the query point. */
export function flatWeights(lat: number) {
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return { ky2: KM_PER_DEGREE * KM_PER_DEGREE, kx2: kx * kx };
}
