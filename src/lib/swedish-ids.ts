/**
 * Swedish organisation and personal identity numbers. Both end in a Luhn check digit over the
 * ten-digit form; an organisationsnummer has a third digit of at least 2 (which no personnummer
 * month can have), a personnummer starts with a date YYMMDD (day + 60 for a samordningsnummer).
 */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `5560360793`, `556036-0793` or with the `16` prefix → the ten digits, or null when invalid. */
export function normaliseOrganizationNumber(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  const ten = /^16\d{10}$/.test(compact) ? compact.slice(2) : compact;
  if (!/^\d{10}$/.test(ten)) return null;
  if (Number(ten[2]) < 2) return null;
  return luhnValid(ten) ? ten : null;
}

export const formatOrganizationNumber = (ten: string) => `${ten.slice(0, 6)}-${ten.slice(6)}`;

const personnummerCandidate = /(?<!\d)(?:\d{2})?(\d{2})(\d{2})(\d{2})[-+\s]?(\d{4})(?!\d)/g;

/** True when the text holds something shaped like a valid personnummer or samordningsnummer. */
export function containsPersonalIdentityNumber(text: string): boolean {
  for (const m of text.matchAll(personnummerCandidate)) {
    const [, yy = '', mm = '', dd = '', tail = ''] = m;
    const month = Number(mm);
    const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    if (luhnValid(`${yy}${mm}${dd}${tail}`)) return true;
  }
  return false;
}
