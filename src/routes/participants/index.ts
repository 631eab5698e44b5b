import { crudRouter } from '../shared/crud';
import { Participant, ParticipantCreate, ParticipantListQuery, ParticipantUpdate } from './schemas';

export const participantsRouter = crudRouter({
  path: '/participants',
  tag: 'Participants',
  noun: 'participant',
  idPrefix: 'prt',
  entity: Participant,
  create: ParticipantCreate,
  update: ParticipantUpdate,
  listQuery: ParticipantListQuery,
  service: (s) => s.participants,
  removeSummary: 'Delete a participant’s record',
  descriptions: {
    create: 'Handlers register participants for their own organization. No other organization can read them.',
    list: 'Only the participant’s own provider organization (handlers, coordinators, admins).',
  },
});
