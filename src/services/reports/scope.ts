/**
 * Who sees which figures: the coordinators and admins of a provider organization see their
 * organization's, for one handler or municipality if they ask; a handler sees their own caseload's.
 * Employers, social enterprises and the platform see none (reports are about participants).
 */
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { forbidden } from '../../lib/problem';
import type { ReportScope } from './table';

export function reportScope(
  actor: Actor,
  q: { providerId?: string; handlerId?: string; municipalityCode?: string },
): ReportScope {
  assertProviderRole(actor, ['admin', 'coordinator', 'handler'], 'read follow-up reports');
  if (q.providerId && q.providerId !== actor.organizationId)
    throw forbidden('Reports cover your own organization’s participants only.');
  const base = {
    providerId: actor.organizationId,
    ...(q.municipalityCode ? { municipalityCode: q.municipalityCode } : {}),
  };
  if (actor.role === 'handler') {
    if (q.handlerId && q.handlerId !== actor.userId)
      throw forbidden('A handler sees the figures of their own caseload.');
    return { ...base, handlerId: actor.userId };
  }
  return q.handlerId ? { ...base, handlerId: q.handlerId } : base;
}
