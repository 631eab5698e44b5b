import { layout, type RenderedMail } from './layout';

export type FollowUpKind = 'first_contact' | 'weekly' | 'monthly';

export interface FollowUpDueData {
  recipientName: string;
  placementId: string;
  slotTitle: string;
  employerName: string;
  /** YYYY-MM-DD the placement started. */
  startDate: string;
  kind: FollowUpKind;
}

const why = {
  first_contact: {
    sv: 'Inom IPS tar man kontakt inom tre dagar efter start.',
    en: 'IPS asks for contact within three days of the start.',
  },
  weekly: {
    sv: 'Den första månaden följer man upp varje vecka.',
    en: 'In the first month, follow-along is weekly.',
  },
  monthly: {
    sv: 'Efter första månaden följer man upp minst en gång i månaden, utan slutdatum.',
    en: 'After the first month, follow-along is at least monthly, with no end date.',
  },
};

/** To the handler, when a follow-along check-in falls due and none was recorded since the last one. */
export function followUpDue(d: FollowUpDueData, baseUrl: string): RenderedMail {
  return layout({
    subject: {
      sv: `Dags för uppföljning: ${d.slotTitle}`,
      en: `Follow-along check-in due: ${d.slotTitle}`,
    },
    // The placement's page, at its check-in form.
    url: `${baseUrl}/placements/${d.placementId}#check-in`,
    sv: {
      greeting: `Hej ${d.recipientName},`,
      paragraphs: [
        `Det är dags för en uppföljning av placeringen på ”${d.slotTitle}” hos ${d.employerName}, som startade ${d.startDate}. Ingen uppföljning är registrerad sedan förra tillfället.`,
        why[d.kind].sv,
      ],
      linkLabel: 'Registrera uppföljningen',
    },
    en: {
      greeting: `Hello ${d.recipientName},`,
      paragraphs: [
        `A follow-along check-in is due for the placement at “${d.slotTitle}” with ${d.employerName}, which started on ${d.startDate}. No check-in was recorded since the last one.`,
        why[d.kind].en,
      ],
      linkLabel: 'Record the check-in',
    },
  });
}
