/**
 * Every mail template by name. A notification stores its template and parameters; rendering is pure
 * (parameters + the service's public URL), so it is tested without a database.
 */
import type { NotificationTemplate } from '../../../db/schema';
import { type AgreementApprovalData, agreementApprovalWanted } from './agreement';
import { type ApiKeyIssuedData, apiKeyIssued } from './api-key-issued';
import { type FollowUpDueData, followUpDue } from './followup-due';
import type { RenderedMail } from './layout';
import { type MilestoneDueData, milestoneDue } from './milestone-due';
import {
  type PlacementDeclinedData,
  type PlacementMailData,
  type PlacementWithdrawnData,
  placementAccepted,
  placementDeclined,
  placementProposed,
  placementWithdrawn,
} from './placements';
import { type SignInLinkData, signInLink } from './sign-in-link';
import { type SlotDigestData, slotDigest } from './slot-digest';

export interface TemplateData {
  api_key_issued: ApiKeyIssuedData;
  placement_proposed: PlacementMailData;
  placement_accepted: PlacementMailData;
  placement_declined: PlacementDeclinedData;
  placement_withdrawn: PlacementWithdrawnData;
  slot_digest: SlotDigestData;
  followup_due: FollowUpDueData;
  milestone_due: MilestoneDueData;
  sign_in_link: SignInLinkData;
  agreement_approval_wanted: AgreementApprovalData;
}

const templates: { [T in NotificationTemplate]: (d: TemplateData[T], baseUrl: string) => RenderedMail } = {
  api_key_issued: apiKeyIssued,
  placement_proposed: placementProposed,
  placement_accepted: placementAccepted,
  placement_declined: placementDeclined,
  placement_withdrawn: placementWithdrawn,
  slot_digest: slotDigest,
  followup_due: followUpDue,
  milestone_due: milestoneDue,
  sign_in_link: signInLink,
  agreement_approval_wanted: agreementApprovalWanted,
};

/**
 * A stored notification's parameters, typed by its template. `queueMailStatements` writes a
 * template's name and its data into one row, so the two always match; a JSON column cannot carry
 * that pairing to the compiler, hence the one cast of the mail's round trip through the database.
 */
export function storedTemplateData<T extends NotificationTemplate>(_template: T, data: object) {
  // cast: written together with this template by queueMailStatements (see above)
  return data as TemplateData[T];
}

export function renderMail<T extends NotificationTemplate>(
  template: T,
  data: TemplateData[T],
  baseUrl: string,
): RenderedMail {
  return templates[template](data, baseUrl.replace(/\/+$/, ''));
}

export type { FollowUpKind } from './followup-due';
export type { RenderedMail } from './layout';
export type { DigestSlot, SlotDigestData } from './slot-digest';
export type {
  ApiKeyIssuedData,
  FollowUpDueData,
  MilestoneDueData,
  PlacementDeclinedData,
  PlacementMailData,
  PlacementWithdrawnData,
  SignInLinkData,
};
