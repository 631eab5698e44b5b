import { layout, type RenderedMail } from './layout';

export interface DigestSlot {
  slotId: string;
  title: string;
  municipality: string;
}

export interface SlotDigestData {
  recipientName: string;
  /** The local date (YYYY-MM-DD) the digest is sent. */
  date: string;
  slots: DigestSlot[];
  /** Outbox keys of the events already in this digest, so a re-run never adds one twice. */
  events: string[];
}

/** At most this many slots are listed; the rest are counted. */
export const DIGEST_MAX_LISTED = 20;

/** To a handler, once a day at most: new or reopened slots that fit one of their participants well. */
export function slotDigest(d: SlotDigestData, baseUrl: string): RenderedMail {
  const listed = d.slots.slice(0, DIGEST_MAX_LISTED);
  const more = d.slots.length - listed.length;
  const items = listed.map((s) => ({
    label: `${s.title}, ${s.municipality}`,
    url: `${baseUrl}/slots/${s.slotId}`,
  }));
  const n = d.slots.length;
  return layout({
    subject: {
      sv: n === 1 ? 'En ny plats som kan passa' : `${n} nya platser som kan passa`,
      en: n === 1 ? 'A new slot that may fit' : `${n} new slots that may fit`,
    },
    // The slot search page (src/pages/search), which lists every open slot before any filter.
    url: `${baseUrl}/search`,
    sv: {
      greeting: `Hej ${d.recipientName},`,
      paragraphs: [
        n === 1
          ? 'En plats har öppnat som passar någon av dina deltagare väl:'
          : 'De här platserna har öppnat och passar någon av dina deltagare väl:',
        ...(more > 0 ? [`… och ${more} till.`] : []),
      ],
      items,
      linkLabel: 'Alla öppna platser',
    },
    en: {
      greeting: `Hello ${d.recipientName},`,
      paragraphs: [
        n === 1
          ? 'A slot opened that fits one of your participants well:'
          : 'These slots opened and fit one of your participants well:',
        ...(more > 0 ? [`… and ${more} more.`] : []),
      ],
      items,
      linkLabel: 'All open slots',
    },
  });
}
