/** What the agreement page reads, through the services (never the HTTP API). */
import type { Member } from '../../auth/actor';
import type { Services } from '../../services';

type Agreement = Awaited<ReturnType<Services['agreements']['get']>>;
export type Version = NonNullable<Agreement['current']>;

export interface AgreementPageData {
  agreement: Agreement;
  slotTitle: string;
  supervisors: { id: string; name: string }[];
  side: 'provider' | 'employer';
  /** Handlers and the provider's admin write the agreement. */
  canEdit: boolean;
  /** The caller's role may approve for its side (a coordinator only reads). */
  canApprove: boolean;
}

const open = (state: string) => state === 'accepted' || state === 'started';

export async function loadAgreementPage(
  services: Services,
  actor: Member,
  id: string,
): Promise<AgreementPageData> {
  const agreement = await services.agreements.get(actor, id);
  const slot = await services.slots.get(actor, agreement.slotId).catch(() => null);
  const supervisors = [];
  for (const sid of slot?.supervisorIds ?? []) {
    const s = await services.supervisors.get(actor, sid).catch(() => null);
    if (s) supervisors.push({ id: s.id, name: s.name });
  }
  const side = actor.organizationKind === 'provider' ? 'provider' : 'employer';
  const writes = side === 'provider' ? ['admin', 'handler'] : ['admin', 'employer', 'enterprise'];
  const canAct = writes.includes(actor.role) && open(agreement.placementState);
  return {
    agreement,
    slotTitle: slot?.title ?? agreement.slotId,
    supervisors,
    side,
    canEdit: side === 'provider' && canAct,
    canApprove: canAct,
  };
}
