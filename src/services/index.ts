import { apiKeyService } from './api-keys';
import { capacityService } from './capacity';
import type { ServiceContext } from './context';
import { employerContactService } from './employer-contacts';
import { type MatchingSlots, matchingService } from './matching/service';
import { organizationService } from './organizations';
import { participantService } from './participants';
import { placementService } from './placements';
import { auditService } from './placements/audit';
import { siteService } from './sites';
import { slotService } from './slots';
import { supervisorService } from './supervisors';

/** All services, built once per app from its dependencies; handlers reach them through `c.var.services`. */
export function createServices(ctx: ServiceContext, opts: { matchingSlots?: MatchingSlots } = {}) {
  const sites = siteService(ctx);
  const participants = participantService(ctx);
  const audit = auditService(ctx);
  return {
    organizations: organizationService(ctx),
    apiKeys: apiKeyService(ctx),
    sites,
    supervisors: supervisorService(ctx),
    slots: slotService(ctx, sites),
    capacity: capacityService(ctx),
    participants,
    audit,
    placements: placementService(ctx, { participants, audit }),
    employerContacts: employerContactService(ctx),
    matching: matchingService(ctx, opts.matchingSlots),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceContext } from './context';
export type { MatchingSlots } from './matching/service';
