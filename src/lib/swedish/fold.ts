/**
 * Folding for people who type without å, ä and ö (phones, foreign keyboards): "tradgard" is
 * "trädgård", "cafe" is "café". Every derived search key is folded, so both spellings meet; the
 * words as written stay in the text and rank above folded matches.
 */
const EXTRA: Record<string, string> = { æ: 'a', ø: 'o', ß: 'ss', đ: 'd', ł: 'l' };

export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[æøßđł]/g, (ch) => EXTRA[ch]!)
    .normalize('NFC');
}
