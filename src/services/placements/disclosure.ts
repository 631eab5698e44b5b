/**
 * What an employer may see of a participant: only the fields named in the consent in force for that
 * employer, read live from the participant record, and nothing once the consent has expired or was
 * revoked. Adaptation needs are shown as needs (a code with Swedish and English labels), never more.
 */
import type { consents, DisclosableField, participants } from '../../../db/schema';
import { adaptationByCode } from '../../domain/vocabulary';
import { unprocessable } from '../../lib/problem';

type ParticipantRow = typeof participants.$inferSelect;
type ConsentRow = typeof consents.$inferSelect;

/** Six months: long enough for a trial and its renewals, short enough to be asked again. */
export const DEFAULT_CONSENT_DAYS = 183;
/** The longest consent a handler may record at once. */
export const MAX_CONSENT_DAYS = 731;

export const consentValid = (c: ConsentRow | undefined, now: string): c is ConsentRow =>
  !!c && !c.revokedAt && c.expiresAt > now;

const shown = {
  strengths: (p: ParticipantRow) => p.strengths,
  interests: (p: ParticipantRow) => p.interests,
  adaptationNeeds: (p: ParticipantRow) =>
    p.adaptationNeeds.map((n) => {
      const v = adaptationByCode.get(n.code);
      return { code: n.code, priority: n.priority, label: { sv: v?.sv ?? n.code, en: v?.en ?? n.code } };
    }),
  hoursPerWeek: (p: ParticipantRow) => ({ now: p.hoursNow, target: p.hoursTarget }),
  rampUp: (p: ParticipantRow) => p.rampUp,
  availability: (p: ParticipantRow) => p.availability,
} satisfies Record<DisclosableField, (p: ParticipantRow) => unknown>;

type Shown = { [F in DisclosableField]: ReturnType<(typeof shown)[F]> };
/** What the employer sees of the participant: the consented fields only. */
export type DisclosedValues = Partial<Shown>;

/** The same projections, typed field by field so one can be applied to a field chosen at run time. */
const projections: { [F in DisclosableField]: (p: ParticipantRow) => Shown[F] } = shown;

function project<F extends DisclosableField>(values: DisclosedValues, field: F, p: ParticipantRow) {
  values[field] = projections[field](p);
}

export interface Disclosure {
  fields: DisclosableField[];
  values: DisclosedValues;
}

/** The disclosed fields of a participant under a consent; empty when there is no valid consent. */
export function disclose(
  participant: ParticipantRow | undefined,
  consent: ConsentRow | undefined,
  now: string,
): Disclosure {
  if (!participant || participant.status === 'erased' || !consentValid(consent, now))
    return { fields: [], values: {} };
  const fields = consent.fields.filter((f): f is DisclosableField => f in projections);
  const values: DisclosedValues = {};
  for (const f of fields) project(values, f, participant);
  return { fields, values };
}

export function toConsent(c: ConsentRow | undefined, now: string) {
  return c ? consentView(c, now) : null;
}

export function consentView(c: ConsentRow, now: string) {
  return {
    id: c.id,
    employerOrganizationId: c.employerOrganizationId,
    fields: c.fields,
    givenBy: c.givenBy,
    givenAt: c.givenAt,
    expiresAt: c.expiresAt,
    revokedAt: c.revokedAt,
    valid: consentValid(c, now),
  };
}

export function defaultConsentExpiry(now: string) {
  return new Date(Date.parse(now) + DEFAULT_CONSENT_DAYS * 86_400_000).toISOString();
}

/** When a consent given now ends: the default, or the requested instant if it is within the limits. */
export function consentExpiry(now: string, requested: string | undefined, path: string) {
  if (!requested) return defaultConsentExpiry(now);
  const at = new Date(requested).toISOString();
  const max = new Date(Date.parse(now) + MAX_CONSENT_DAYS * 86_400_000).toISOString();
  if (at <= now || at > max)
    throw unprocessable('The consent must expire in the future, within two years.', [
      { path, message: 'must be after now and within two years' },
    ]);
  return at;
}
