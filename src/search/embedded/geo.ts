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

/** Squared-distance weights: d² ≈ (Δlat·ky)² + (Δlon·kx)² km² near the query point. */
export function flatWeights(lat: number) {
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return { ky2: KM_PER_DEGREE * KM_PER_DEGREE, kx2: kx * kx };
}
