import type { SearchIndex } from '../search/port';
import { agreementService } from './agreements';
import { apiKeyService } from './api-keys';
import { capacityService } from './capacity';
import type { ServiceContext } from './context';
import { employerContactService } from './employer-contacts';
import { followUpService } from './follow-ups';
import { healthService } from './health';
import { type MatchingSlots, matchingService } from './matching/service';
import { notificationService } from './notifications/service';
import { lookupOccupations } from './occupations';
import { organizationService } from './organizations';
import { participantAccessService } from './participant-access';
import { participantService } from './participants/index';
import { placementService } from './placements';
import { auditService } from './placements/audit';
import { rateLimitService } from './rate-limits';
import { reportService } from './reports';
import { searchService } from './search/service';
import { siteService } from './sites';
import { slotService } from './slots';
import { supervisorService } from './supervisors';
import { webSessionService } from './web-sessions';

/** What the services are built from: the shared context, the slot search index, and where matching reads slots. */
export interface ServiceDeps extends ServiceContext {
  search: SearchIndex;
  matchingSlots?: MatchingSlots;
}

/** All services, built once per app from its dependencies; handlers reach them through `c.var.services`. */
export function createServices({ search, matchingSlots, ...ctx }: ServiceDeps) {
  const sites = siteService(ctx);
  const participants = participantService(ctx);
  const audit = auditService(ctx);
  const apiKeys = apiKeyService(ctx);
  return {
    health: healthService(ctx),
    organizations: organizationService(ctx),
    apiKeys,
    webSessions: webSessionService(ctx, apiKeys),
    sites,
    supervisors: supervisorService(ctx),
    slots: slotService(ctx, sites),
    capacity: capacityService(ctx),
    participants,
    participantAccess: participantAccessService(ctx, participants),
    audit,
    placements: placementService(ctx, { participants, audit }),
    agreements: agreementService(ctx, { audit }),
    employerContacts: employerContactService(ctx),
    followUps: followUpService(ctx, { participants }),
    reports: reportService(ctx),
    /** Occupation type-ahead over the SSYK reference (no database). */
    occupations: { lookup: lookupOccupations },
    matching: matchingService(ctx, matchingSlots),
    search: searchService(ctx, search),
    notifications: notificationService(ctx),
    rateLimits: rateLimitService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceContext } from './context';
export type { MatchingSlots } from './matching/service';
