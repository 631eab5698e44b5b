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

const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in Swedish local time. */
export const localDate = (instant: string) => stockholmDate.format(new Date(instant));

/** Whether a calendar date is a Monday (dates are UTC-neutral: only the weekday matters). */
export const isMonday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() === 1;

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
