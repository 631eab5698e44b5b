/**
 * Every API route in one router, chained so its type carries each route's documented input and
 * answer: tests call the API through that type (test/helpers/call.ts), and so can a typed client.
 * Order matters where paths overlap: search before slots, whose `/slots/{id}` would take `/slots/search`.
 */
import { agreementsRouter } from './agreements';
import { apiKeysRouter } from './api-keys';
import { auditRouter } from './audit';
import { capacityRouter } from './capacity';
import { employerContactsRouter } from './employer-contacts';
import { followUpsRouter } from './follow-ups';
import { matchingRouter } from './matching';
import { notificationsRouter } from './notifications';
import { organizationsRouter } from './organizations';
import { participantsRouter } from './participants';
import { placementsRouter } from './placements';
import { reportsRouter } from './reports';
import { searchRouter } from './search';
import { createRouter } from './shared/openapi';
import { sitesRouter } from './sites';
import { slotsRouter } from './slots';
import { supervisorsRouter } from './supervisors';
import { systemRouter } from './system';
import { vocabulariesRouter } from './vocabularies';

const v1Router = createRouter()
  .route('/', searchRouter)
  .route('/', vocabulariesRouter)
  .route('/', organizationsRouter)
  .route('/', apiKeysRouter)
  .route('/', sitesRouter)
  .route('/', supervisorsRouter)
  .route('/', slotsRouter)
  .route('/', capacityRouter)
  .route('/', participantsRouter)
  .route('/', matchingRouter)
  .route('/', placementsRouter)
  .route('/', agreementsRouter)
  .route('/', employerContactsRouter)
  .route('/', followUpsRouter)
  .route('/', reportsRouter)
  .route('/', auditRouter)
  .route('/', notificationsRouter);

export const apiRouter = createRouter().route('/', systemRouter).route('/v1', v1Router);

/** The API's routes as types: `ExtractSchema<ApiRoutes>` maps each path and method to its answer. */
export type ApiRoutes = typeof apiRouter;
