import { layout, type RenderedMail } from './layout';

export interface SignInLinkData {
  recipientName: string;
  organizationName: string;
  /** The one-time token (worthless once used or after 15 minutes); the notifications API withholds this mail's text. */
  token: string;
}

/** The one-time link that signs a person in to the web pages (src/pages/sign-in). */
export function signInLink(d: SignInLinkData, baseUrl: string): RenderedMail {
  return layout({
    subject: { sv: 'Din inloggningslänk till SE-registret', en: 'Your sign-in link to the SE registry' },
    url: `${baseUrl}/sign-in/link/${encodeURIComponent(d.token)}`,
    sv: {
      greeting: `Hej ${d.recipientName},`,
      paragraphs: [
        `Här är länken för att logga in i SE-registret för ${d.organizationName}. Den fungerar en gång och i 15 minuter.`,
        'Om du inte bad om att logga in kan du strunta i det här meddelandet.',
      ],
      linkLabel: 'Logga in',
    },
    en: {
      greeting: `Hello ${d.recipientName},`,
      paragraphs: [
        `Here is your link to sign in to the SE registry for ${d.organizationName}. It works once, for 15 minutes.`,
        'If you did not ask to sign in, you can ignore this message.',
      ],
      linkLabel: 'Sign in',
    },
  });
}
