/**
 * Distance for the embedded search without SQL math functions (D1 may lack them): documents are
 * numbered by where they are, and a local flat-earth distance around the query point is computed in
 * SQL, exact enough within the radii people search (under 0.5 % at 100 km). Reported distances are
 * haversine.
 *
 * A document's number (`docid`, also the full-text index's rowid) is its grid cell (0.1° latitude ×
 * 0.2° longitude, about 11 × 11 km in Sweden) times 2^26, plus a sequence within the cell. Cells of
 * one grid row are consecutive, so the documents within a radius lie in one docid range per grid row
 * the radius touches, and both the documents table and the full-text index read exactly those
 * ranges: a search near a place never reads the rest of the country.
 */
import { boundingBox } from '../../lib/geo';

const ROWS_PER_DEGREE = 10;
const COLUMNS_PER_DEGREE = 5;
/** Grid columns around the globe (360° × 5), so a row's cells are `row × COLUMNS + column`. */
export const COLUMNS = 360 * COLUMNS_PER_DEGREE;
/** Documents per cell: the low bits of a docid. */
export const PER_CELL = 2 ** 26;
/** Kilometres per degree of latitude on the sphere lib/geo uses. */
export const KM_PER_DEGREE = 111.195;

const gridRow = (lat: number) => Math.floor((Math.min(90, Math.max(-90, lat)) + 90) * ROWS_PER_DEGREE);
const gridColumn = (lon: number) =>
  Math.min(COLUMNS - 1, Math.floor((Math.min(180, Math.max(-180, lon)) + 180) * COLUMNS_PER_DEGREE));

/** The grid cell of a point: a non-negative integer, consecutive along a row of the grid. */
export function cellOf(lat: number, lon: number): number {
  return gridRow(lat) * COLUMNS + gridColumn(lon);
}

/**
 * Docid ranges `[first, last]` that hold every document within radiusKm of the point: one per grid
 * row the radius's box touches, the row nearest the point first (a capped read takes the nearest
 * documents first).
 */
export function docidRanges(lat: number, lon: number, radiusKm: number): [number, number][] {
  const box = boundingBox(lat, lon, radiusKm);
  const x0 = gridColumn(box.minLon);
  const x1 = gridColumn(box.maxLon);
  const here = gridRow(lat);
  const rows: number[] = [];
  for (let y = gridRow(box.minLat); y <= gridRow(box.maxLat); y++) rows.push(y);
  rows.sort((a, b) => Math.abs(a - here) - Math.abs(b - here) || a - b);
  return rows.map((y) => [(y * COLUMNS + x0) * PER_CELL, (y * COLUMNS + x1 + 1) * PER_CELL - 1]);
}

/**
 * The same documents as docidRanges, as one docid band (from the first range's start to the last's
 * end) and the grid columns within it: a document is in a range when its docid is in the band and
 * its cell's column (`docid / PER_CELL % COLUMNS`) is between the two. One scan of the band instead
 * of one per range, for a reader whose set-up is dear (the full-text index: see statement.ts).
 */
export function docidBand(lat: number, lon: number, radiusKm: number) {
  const box = boundingBox(lat, lon, radiusKm);
  const firstColumn = gridColumn(box.minLon);
  const lastColumn = gridColumn(box.maxLon);
  return {
    first: (gridRow(box.minLat) * COLUMNS + firstColumn) * PER_CELL,
    last: (gridRow(box.maxLat) * COLUMNS + lastColumn + 1) * PER_CELL - 1,
    firstColumn,
    lastColumn,
  };
}

/** Squared-distance weights: d² ≈ (Δlat·ky)² + (Δlon·kx)² km² near the query point. */
export function flatWeights(lat: number) {
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return { ky2: KM_PER_DEGREE * KM_PER_DEGREE, kx2: kx * kx };
}
