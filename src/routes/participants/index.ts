import {
  ParticipantCreate,
  ParticipantListQuery,
  ParticipantUpdate,
} from '../../services/participants/schemas';
import { crudRoutes } from '../shared/crud';
import { createRouter } from '../shared/openapi';
import { withAccessCodeRoutes } from './access-codes';
import { withExportRoute } from './export';
import { Participant } from './schemas';

const routes = crudRoutes({
  path: '/participants',
  tag: 'Participants',
  noun: 'participant',
  idPrefix: 'prt',
  entity: Participant,
  create: ParticipantCreate,
  update: ParticipantUpdate,
  listQuery: ParticipantListQuery,
  removeSummary:
    'Erase a participant’s record on request: personal fields cleared, placements kept as anonymous counts; open proposals are withdrawn, accepted or started placements must be ended or withdrawn first (409)',
  descriptions: {
    create: 'Handlers register participants for their own organization. No other organization can read them.',
    list: 'Only the participant’s own provider organization (handlers, coordinators, admins).',
  },
});

export const participantsRouter = withAccessCodeRoutes(
  withExportRoute(
    createRouter()
      .openapi(routes.create, async (c) =>
        c.json(await c.var.services.participants.create(c.var.actor, c.req.valid('json')), 201),
      )
      .openapi(routes.list, async (c) =>
        c.json(await c.var.services.participants.list(c.var.actor, c.req.valid('query')), 200),
      )
      .openapi(routes.get, async (c) =>
        c.json(await c.var.services.participants.get(c.var.actor, c.req.valid('param').id), 200),
      )
      .openapi(routes.update, async (c) =>
        c.json(
          await c.var.services.participants.update(c.var.actor, c.req.valid('param').id, c.req.valid('json')),
          200,
        ),
      )
      .openapi(routes.remove, async (c) => {
        await c.var.services.participants.remove(c.var.actor, c.req.valid('param').id);
        return c.body(null, 204);
      }),
  ),
);
