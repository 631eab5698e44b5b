/**
 * Reading the agreement (both sides of the placement). The employer's view carries the participant's
 * disclosed fields through the placements' own presentation, which audits that read; consented
 * support-team contacts shown to the employer are audited as a read of `supportTeam`.
 */
import type { Actor, Member } from '../../auth/actor';
import type { ServiceContext } from '../context';
import type { AuditService } from '../placements/audit';
import type { PlacementViews } from '../placements/present';
import type { Side } from '../placements/states';
import type { PlacementRow } from '../placements/view';
import { loadAgreement, startReadiness } from './load';
import { toAgreement } from './view';

export function agreementReader(ctx: ServiceContext, views: PlacementViews, audit: AuditService) {
  const { db } = ctx;

  /** The agreement as `side` sees it, with the participant's disclosed fields. */
  async function render(member: Member, side: Side, row: PlacementRow) {
    const [[summary], readiness, loaded] = await Promise.all([
      views.present(member, side, [row]),
      startReadiness(db, row.id, row.slotId),
      loadAgreement(db, row.id),
    ]);
    const agreement = toAgreement({
      placement: row,
      required: readiness.required,
      versions: loaded.versions,
      approvals: loaded.approvals,
      side,
      viewerOrganizationId: member.organizationId,
    });
    const shownTeam = [agreement.current, ...agreement.history].some(
      (v) => v && v.content.supportTeam.length > 0,
    );
    if (side === 'employer' && shownTeam)
      await audit.record([
        {
          actor: member,
          participantId: row.participantId,
          providerOrganizationId: row.providerOrganizationId,
          action: 'read',
          fields: ['supportTeam'],
          placementId: row.id,
        },
      ]);
    return {
      ...agreement,
      slotId: row.slotId,
      participant: { disclosed: summary!.disclosed, consentValid: summary!.consent?.valid ?? false },
    };
  }

  return {
    render,
    async get(actor: Actor, id: string) {
      const { row, side, actor: member } = await views.loadFor(actor, id, 'read');
      return render(member, side, row);
    },
  };
}
export type AgreementReader = ReturnType<typeof agreementReader>;
