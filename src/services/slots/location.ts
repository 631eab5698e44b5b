import type { Actor } from '../../auth/actor';
import { unprocessable } from '../../lib/problem';
import { locate, type SiteService } from '../sites';
import type { SlotUpdate } from './schemas';
import type { SlotRow } from './view';

/** Location from the input, else from the site, else the municipality's seat. */
export async function resolveLocation(
  sites: SiteService,
  actor: Actor,
  organizationId: string,
  input: SlotUpdate,
  current?: SlotRow,
) {
  let siteId = current?.siteId ?? null;
  let site: Awaited<ReturnType<typeof sites.load>> | undefined;
  if (input.siteId !== undefined) {
    siteId = input.siteId;
    if (siteId) {
      site = await sites.load(actor, siteId).catch(() => undefined);
      if (site?.organizationId !== organizationId)
        throw unprocessable('The site is not one of this organization’s sites.', [
          { path: 'siteId', message: 'is not a site of this organization' },
        ]);
    }
  }
  if (input.location) {
    const l = input.location;
    return {
      siteId,
      municipalityCode: l.municipalityCode,
      address: l.address ?? null,
      ...locate(l.municipalityCode, l.lat, l.lon),
    };
  }
  if (site)
    return {
      siteId,
      municipalityCode: site.municipalityCode,
      address: site.address,
      lat: site.lat,
      lon: site.lon,
    };
  if (current)
    return {
      siteId,
      municipalityCode: current.municipalityCode,
      address: current.address,
      lat: current.lat,
      lon: current.lon,
    };
  throw unprocessable('A slot needs a location or a site.', [
    { path: 'location', message: 'is required unless siteId is given' },
  ]);
}
