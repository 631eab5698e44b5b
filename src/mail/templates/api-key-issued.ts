import { layout, type RenderedMail } from './layout';

export interface ApiKeyIssuedData {
  recipientName: string;
  organizationName: string;
  /** The person who issued it, or null for the platform's administrator. */
  issuedBy: string | null;
  /** The first characters of the key (as listed in the API), never the key. */
  keyPrefix: string;
  keyId: string;
}

/** Tells the person named on a new key that it exists, so a key nobody asked for is noticed. */
export function apiKeyIssued(d: ApiKeyIssuedData, baseUrl: string): RenderedMail {
  return layout({
    subject: { sv: 'En API-nyckel har utfärdats till dig', en: 'An API key was issued to you' },
    // The account page lists the person's keys by prefix; this one is marked by its id.
    url: `${baseUrl}/account#key-${d.keyId}`,
    sv: {
      greeting: `Hej ${d.recipientName},`,
      paragraphs: [
        `${d.issuedBy ?? 'Plattformens administratör'} har utfärdat en API-nyckel till dig för ${d.organizationName}. Nyckeln börjar med ${d.keyPrefix} (nyckel-id ${d.keyId}).`,
        'Själva nyckeln skickas aldrig med e-post. Om du inte väntade dig den här nyckeln, be din organisations administratör att återkalla den.',
      ],
      linkLabel: 'Se dina nycklar',
    },
    en: {
      greeting: `Hello ${d.recipientName},`,
      paragraphs: [
        `${d.issuedBy ?? 'The platform administrator'} issued an API key to you for ${d.organizationName}. The key starts with ${d.keyPrefix} (key id ${d.keyId}).`,
        'The key itself is never sent by email. If you did not expect this key, ask your organization’s administrator to revoke it.',
      ],
      linkLabel: 'See your keys',
    },
  });
}
