/**
 * The one layout every mail shares: Swedish first, English beside it (below, in the plain text), a
 * short message and a link into the service. Parameters are escaped for HTML here, once.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface Section {
  greeting: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** Bulleted items, e.g. the slots of a digest. */
  items?: { label: string; url: string }[];
  linkLabel: string;
}

export interface MailContent {
  subject: { sv: string; en: string };
  sv: Section;
  en: Section;
  /** Where the message leads in the service. */
  url: string;
}

const footer = {
  sv: 'Det här är ett automatiskt meddelande från SE-registret. Svara inte på det.',
  en: 'This is an automatic message from the SE registry. Please do not reply.',
};

export function escapeHtml(s: string) {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function textSection(s: Section, url: string, foot: string) {
  const items = s.items?.length ? [s.items.map((i) => `- ${i.label}\n  ${i.url}`).join('\n')] : [];
  return [s.greeting, ...s.paragraphs, ...items, `${s.linkLabel}: ${url}`, foot].join('\n\n');
}

function htmlSection(lang: 'sv' | 'en', s: Section, url: string, foot: string) {
  const items = s.items?.length
    ? `<ul>${s.items
        .map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.label)}</a></li>`)
        .join('')}</ul>`
    : '';
  return [
    `<div lang="${lang}">`,
    `<p>${escapeHtml(s.greeting)}</p>`,
    ...s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    items,
    `<p><a href="${escapeHtml(url)}">${escapeHtml(s.linkLabel)}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(foot)}</p>`,
    '</div>',
  ].join('');
}

export function layout(c: MailContent): RenderedMail {
  const subject = `${c.subject.sv} / ${c.subject.en}`;
  const text = [
    textSection(c.sv, c.url, footer.sv),
    '---------- In English ----------',
    textSection(c.en, c.url, footer.en),
  ].join('\n\n');
  const html = [
    '<!doctype html><html lang="sv"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">',
    htmlSection('sv', c.sv, c.url, footer.sv),
    '<hr>',
    htmlSection('en', c.en, c.url, footer.en),
    '</body></html>',
  ].join('');
  return { subject, text: `${text}\n`, html };
}
