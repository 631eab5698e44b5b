import {
  ParticipantCreate,
  ParticipantListQuery,
  ParticipantUpdate,
} from '../../services/participants/schemas';
import { crudRouter } from '../shared/crud';
import { withExportRoute } from './export';
import { Participant } from './schemas';

export const participantsRouter = withExportRoute(
  crudRouter({
    path: '/participants',
    tag: 'Participants',
    noun: 'participant',
    idPrefix: 'prt',
    entity: Participant,
    create: ParticipantCreate,
    update: ParticipantUpdate,
    listQuery: ParticipantListQuery,
    service: (s) => s.participants,
    removeSummary:
      'Erase a participant’s record on request: personal fields cleared, placements kept as anonymous counts; open proposals are withdrawn, accepted or started placements must be ended or withdrawn first (409)',
    descriptions: {
      create:
        'Handlers register participants for their own organization. No other organization can read them.',
      list: 'Only the participant’s own provider organization (handlers, coordinators, admins).',
    },
  }),
);
