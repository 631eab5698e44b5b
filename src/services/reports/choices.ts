/**
 * What a report's filters can choose from: the handlers whose caseload a person may look at (a
 * handler only their own) and the municipalities the scope's participants live in.
 */
import { and, asc, eq } from 'drizzle-orm';
import { participants, users } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import type { Actor } from '../../auth/actor';
import { municipalityByCode } from '../../reference';
import { reportScope } from './scope';

export async function reportChoices(db: Db, actor: Actor) {
  const scope = reportScope(actor, {});
  const handlers = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organizationId, scope.providerId),
        scope.handlerId ? eq(users.id, scope.handlerId) : eq(users.role, 'handler'),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  const codes = await db
    .selectDistinct({ code: participants.municipalityCode })
    .from(participants)
    .where(
      and(
        eq(participants.organizationId, scope.providerId),
        ...(scope.handlerId ? [eq(participants.handlerId, scope.handlerId)] : []),
      ),
    );
  const municipalities = codes
    .map((r) => ({ code: r.code, name: municipalityByCode.get(r.code)?.name ?? r.code }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { handlers, municipalities };
}
