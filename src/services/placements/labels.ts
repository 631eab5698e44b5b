/** Words people read about placements: Swedish first, English beside it. */
import type { DeclineReason, OutcomeCategory } from '../../../db/schema';

export interface Label {
  sv: string;
  en: string;
}

export const outcomeLabels: Record<OutcomeCategory, Label> = {
  unsubsidized_work: { sv: 'Arbete utan stöd', en: 'Unsubsidised work' },
  subsidized_work: { sv: 'Arbete med stöd', en: 'Subsidised work' },
  studies: { sv: 'Studier', en: 'Studies' },
  job_seeking: { sv: 'Aktivt arbetssökande', en: 'Active job-seeking' },
  other: { sv: 'Annat', en: 'Other' },
};

export const declineReasonLabels: Record<DeclineReason, Label> = {
  no_capacity: { sv: 'Kan inte ta emot just nu', en: 'Cannot take anyone right now' },
  not_a_match: { sv: 'Uppgifterna passar inte', en: 'The tasks do not fit' },
  timing: { sv: 'Tidpunkten passar inte', en: 'The timing does not fit' },
  other: { sv: 'Annat skäl', en: 'Another reason' },
};
