import type { DeclineReason } from '../../../db/schema';
import { layout, type RenderedMail } from './layout';

/** What a placement mail may say: the slot and the employer, never who the participant is. */
export interface PlacementMailData {
  recipientName: string | null;
  placementId: string;
  slotTitle: string;
  employerName: string;
}

export interface PlacementDeclinedData extends PlacementMailData {
  declineReason: DeclineReason | null;
}

const greeting = (name: string | null, sv: boolean) =>
  sv ? (name ? `Hej ${name},` : 'Hej,') : name ? `Hello ${name},` : 'Hello,';
/** The placement's page (src/pages/placements): a signed-out reader signs in first and lands there. */
const placementUrl = (baseUrl: string, id: string) => `${baseUrl}/placements/${id}`;

/** To the slot's supervisor and the employer's contact: a coach proposes someone for the slot. */
export function placementProposed(d: PlacementMailData, baseUrl: string): RenderedMail {
  return layout({
    subject: { sv: `Nytt förslag till ${d.slotTitle}`, en: `New proposal for ${d.slotTitle}` },
    url: placementUrl(baseUrl, d.placementId),
    sv: {
      greeting: greeting(d.recipientName, true),
      paragraphs: [
        `En SE-handledare föreslår en deltagare till platsen ”${d.slotTitle}” hos ${d.employerName}.`,
        'Ett snabbt svar, gärna samma eller nästa dag, gör stor skillnad för deltagaren.',
      ],
      linkLabel: 'Se förslaget och svara',
    },
    en: {
      greeting: greeting(d.recipientName, false),
      paragraphs: [
        `An SE job coach proposes a participant for the slot “${d.slotTitle}” at ${d.employerName}.`,
        'A quick answer, the same or the next day, makes a real difference to the participant.',
      ],
      linkLabel: 'See the proposal and answer',
    },
  });
}

/** To the handler: the employer said yes. */
export function placementAccepted(d: PlacementMailData, baseUrl: string): RenderedMail {
  return layout({
    subject: {
      sv: `Förslaget till ${d.slotTitle} är accepterat`,
      en: `Proposal for ${d.slotTitle} accepted`,
    },
    url: placementUrl(baseUrl, d.placementId),
    sv: {
      greeting: greeting(d.recipientName, true),
      paragraphs: [`${d.employerName} har accepterat ditt förslag till platsen ”${d.slotTitle}”.`],
      linkLabel: 'Se placeringen',
    },
    en: {
      greeting: greeting(d.recipientName, false),
      paragraphs: [`${d.employerName} accepted your proposal for the slot “${d.slotTitle}”.`],
      linkLabel: 'See the placement',
    },
  });
}

const declineReasons: Record<DeclineReason, { sv: string; en: string }> = {
  no_capacity: { sv: 'ingen plats just nu', en: 'no capacity just now' },
  not_a_match: { sv: 'passar inte', en: 'not a match' },
  timing: { sv: 'tidpunkten passar inte', en: 'the timing does not suit' },
  other: { sv: 'annat', en: 'other' },
};

/** To the handler: the employer said no (with the reason code; the free-text note stays in the service). */
export function placementDeclined(d: PlacementDeclinedData, baseUrl: string): RenderedMail {
  const reason = d.declineReason ? declineReasons[d.declineReason] : null;
  return layout({
    subject: { sv: `Förslaget till ${d.slotTitle} fick nej`, en: `Proposal for ${d.slotTitle} declined` },
    url: placementUrl(baseUrl, d.placementId),
    sv: {
      greeting: greeting(d.recipientName, true),
      paragraphs: [
        `${d.employerName} har tackat nej till ditt förslag till platsen ”${d.slotTitle}”${reason ? ` (skäl: ${reason.sv})` : ''}.`,
      ],
      linkLabel: 'Se placeringen',
    },
    en: {
      greeting: greeting(d.recipientName, false),
      paragraphs: [
        `${d.employerName} declined your proposal for the slot “${d.slotTitle}”${reason ? ` (reason: ${reason.en})` : ''}.`,
      ],
      linkLabel: 'See the placement',
    },
  });
}

export interface PlacementWithdrawnData extends PlacementMailData {
  /** True when the employer took back an acceptance (mail to the handler); else the coach withdrew. */
  byEmployer: boolean;
}

/** The other side is told that a proposal or an accepted placement was withdrawn. */
export function placementWithdrawn(d: PlacementWithdrawnData, baseUrl: string): RenderedMail {
  return layout({
    subject: {
      sv: `Placeringen på ${d.slotTitle} är återtagen`,
      en: `Placement at ${d.slotTitle} withdrawn`,
    },
    url: placementUrl(baseUrl, d.placementId),
    sv: {
      greeting: greeting(d.recipientName, true),
      paragraphs: [
        d.byEmployer
          ? `${d.employerName} har tagit tillbaka sitt ja till ditt förslag till platsen ”${d.slotTitle}”.`
          : `Förslaget om en deltagare till platsen ”${d.slotTitle}” har tagits tillbaka av SE-handledaren.`,
      ],
      linkLabel: 'Se placeringen',
    },
    en: {
      greeting: greeting(d.recipientName, false),
      paragraphs: [
        d.byEmployer
          ? `${d.employerName} withdrew its acceptance of your proposal for the slot “${d.slotTitle}”.`
          : `The SE job coach withdrew the proposal of a participant for the slot “${d.slotTitle}”.`,
      ],
      linkLabel: 'See the placement',
    },
  });
}
