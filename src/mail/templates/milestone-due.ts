import { layout, type RenderedMail } from './layout';

export interface MilestoneDueData {
  recipientName: string;
  followUpId: string;
  cause: 'exit' | 'hire';
  months: number;
  /** YYYY-MM-DD of the exit or the hire. */
  baseDate: string;
}

const cause = {
  exit: { sv: 'avslutet', en: 'the exit' },
  hire: { sv: 'anställningen', en: 'the hire' },
};

/**
 * To the handler, when a follow-up 3, 6 or 12 months after an exit or a hire falls due and is not
 * answered. Names no participant: the link shows who it is to the handler, signed in.
 */
export function milestoneDue(d: MilestoneDueData, baseUrl: string): RenderedMail {
  return layout({
    subject: {
      sv: `Uppföljning ${d.months} månader efter ${cause[d.cause].sv}`,
      en: `Follow-up ${d.months} months after ${cause[d.cause].en}`,
    },
    url: `${baseUrl}/follow-ups/${d.followUpId}`,
    sv: {
      greeting: `Hej ${d.recipientName},`,
      paragraphs: [
        `Det är ${d.months} månader sedan ${cause[d.cause].sv} ${d.baseDate}. Ta reda på var personen är nu (arbete, studier, arbetssökande eller annat) och registrera det.`,
        'Uppföljningen visar om stödet håller över tid: arbetsförmedlingens SIUS följer upp i minst ett år.',
      ],
      linkLabel: 'Registrera uppföljningen',
    },
    en: {
      greeting: `Hello ${d.recipientName},`,
      paragraphs: [
        `It is ${d.months} months since ${cause[d.cause].en} on ${d.baseDate}. Find out where the person is now (work, studies, job-seeking or other) and record it.`,
        'Follow-ups show whether the support lasts: the Public Employment Service’s SIUS follows up for at least a year.',
      ],
      linkLabel: 'Record the follow-up',
    },
  });
}
