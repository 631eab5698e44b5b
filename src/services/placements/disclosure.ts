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

const projections: Record<DisclosableField, (p: ParticipantRow) => unknown> = {
  strengths: (p) => p.strengths,
  interests: (p) => p.interests,
  adaptationNeeds: (p) =>
    p.adaptationNeeds.map((n) => {
      const v = adaptationByCode.get(n.code);
      return { code: n.code, priority: n.priority, label: { sv: v?.sv ?? n.code, en: v?.en ?? n.code } };
    }),
  hoursPerWeek: (p) => ({ now: p.hoursNow, target: p.hoursTarget }),
  rampUp: (p) => p.rampUp,
  availability: (p) => p.availability,
};

export interface Disclosure {
  fields: DisclosableField[];
  values: Partial<Record<DisclosableField, unknown>>;
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
  return { fields, values: Object.fromEntries(fields.map((f) => [f, projections[f](participant)])) };
}

export function toConsent(c: ConsentRow | undefined, now: string) {
  if (!c) return null;
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
