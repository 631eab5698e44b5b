/**
 * Great-circle (haversine) distance on a sphere of radius 6371 km. Travel distance by road or public
 * transport is longer; the docs say so, and maxTravelKm is read as a straight-line radius.
 */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** Whether a point lies in a box, edges inside (as the engine's scans test it, rank.ts). */
export const inBox = (b: BoundingBox, lat: number, lon: number) =>
  !(lat < b.minLat || lat > b.maxLat || lon < b.minLon || lon > b.maxLon);

/** A box that contains every point within radiusKm of the centre; cheap to test with an index. */
export function boundingBox(lat: number, lon: number, radiusKm: number): BoundingBox {
  const dLat = radiusKm / 111.195; // km per degree of latitude on the same sphere
  const cos = Math.cos(Math.min(89.9, Math.abs(lat) + dLat) * RAD);
  const dLon = cos > 1e-6 ? Math.min(180, radiusKm / (111.195 * cos)) : 180;
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/**
 * Half the longitude span (degrees) of the points within radiusKm of the centre whose latitude lies
 * in [latLo, latHi]: a circle is widest at one latitude and narrows towards its top and bottom, so a
 * thin band of latitude needs only its own part of the bounding box. Slightly generous (never drops
 * a point within the radius); 180 when the circle holds a pole.
 */
export function lonHalfSpan(lat: number, radiusKm: number, latLo: number, latHi: number): number {
  const d = radiusKm / EARTH_RADIUS_KM;
  if (Math.abs(lat) * RAD + d >= Math.PI / 2 - 1e-9) return 180;
  const phi0 = lat * RAD;
  // The latitude where the circle is widest, clamped into the band: the span shrinks away from it.
  const widest = Math.asin(Math.min(1, Math.sin(phi0) / Math.cos(d)));
  const phi = Math.min(latHi * RAD, Math.max(latLo * RAD, widest));
  const cosSpan = (Math.cos(d) - Math.sin(phi0) * Math.sin(phi)) / (Math.cos(phi0) * Math.cos(phi));
  const span = Math.acos(Math.max(-1, Math.min(1, cosSpan))) / RAD;
  // acos is ill-conditioned near 1 (the band at the circle's top): a margin of about a metre.
  return Math.min(180, span * (1 + 1e-9) + 1e-5);
}
