import { layout, type RenderedMail } from './layout';
import type { PlacementMailData } from './placements';

/** A new version of a placement's agreement waits for the recipient's approval. */
export interface AgreementApprovalData extends PlacementMailData {
  version: number;
  /** Whom the mail asks: the employer side or the participant's handler. */
  party: 'employer' | 'handler';
}

const greeting = (name: string | null, sv: boolean) =>
  sv ? (name ? `Hej ${name},` : 'Hej,') : name ? `Hello ${name},` : 'Hello,';

/** To the employer side and the handler: approve the agreement (the link lands on its page). */
export function agreementApprovalWanted(d: AgreementApprovalData, baseUrl: string): RenderedMail {
  return layout({
    subject: {
      sv: `Godkänn överenskommelsen för ${d.slotTitle}`,
      en: `Approve the agreement for ${d.slotTitle}`,
    },
    url: `${baseUrl}/placements/${d.placementId}/agreement`,
    sv: {
      greeting: greeting(d.recipientName, true),
      paragraphs: [
        `Överenskommelsen för placeringen på ”${d.slotTitle}” hos ${d.employerName} har en ny version (${d.version}).`,
        'Läs den och godkänn den. Placeringen kan starta när deltagaren, arbetsgivaren och SE-handledaren har godkänt samma version.',
      ],
      linkLabel: 'Läs och godkänn överenskommelsen',
    },
    en: {
      greeting: greeting(d.recipientName, false),
      paragraphs: [
        `The agreement for the placement at “${d.slotTitle}” with ${d.employerName} has a new version (${d.version}).`,
        'Read it and approve it. The placement can start once the participant, the employer and the SE job coach have approved the same version.',
      ],
      linkLabel: 'Read and approve the agreement',
    },
  });
}
