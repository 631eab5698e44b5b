/**
 * What counts as text. Every string a client sends (JSON bodies, query parameters) must be valid
 * Unicode without control characters, so what a 2xx confirms is exactly what is stored and shown:
 * no NUL (SQLite drivers truncate at it), no terminal escapes, no lone surrogates (they become U+FFFD
 * on the way to the database) and no invalid UTF-8 (the same). Newline and tab are text.
 */
import type { FieldError } from './problem';

// C0 controls except tab (09) and newline (0A), DEL, and the C1 controls (U+0080–U+009F, which
// include the 8-bit terminal escape CSI, U+009B).
const controlPattern = /(?![\t\n])\p{Cc}/u;
// In a `u` regex a paired surrogate is one code point, so only lone ones are `Cs`.
const loneSurrogatePattern = /\p{Cs}/u;
const REPLACEMENT = '\uFFFD';

/** Why this string is not acceptable text, or null. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  const control = value.match(controlPattern);
  if (control)
    return `must not contain control characters (found U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}); only newline and tab are allowed`;
  if (loneSurrogatePattern.test(value)) return 'must not contain lone surrogates (not valid Unicode text)';
  return null;
}

const invalidUtf8Message = 'must be valid UTF-8 text';

/**
 * Every string in a parsed JSON value (keys too) that is not acceptable text, with its dotted path.
 * `decodedLossily` says the raw bytes were not valid UTF-8 and were decoded with U+FFFD in place of
 * the bad sequences: the strings holding U+FFFD are then named as invalid UTF-8.
 */
export function textErrors(value: unknown, decodedLossily = false): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      const why = decodedLossily && v.includes(REPLACEMENT) ? invalidUtf8Message : textProblem(v);
      if (why) errors.push({ path: path || '(root)', message: why });
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, path ? `${path}.${i}` : String(i));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        const keyProblem =
          decodedLossily && key.includes(REPLACEMENT) ? invalidUtf8Message : textProblem(key);
        if (keyProblem) errors.push({ path: at, message: `field name ${keyProblem}` });
        else visit(item, at);
      }
    }
  };
  visit(value, '');
  return errors;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

/** Decodes bytes as UTF-8; `valid: false` when they were not, with U+FFFD in place of each bad sequence. */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), valid: true };
  } catch {
    return { text: lossyUtf8.decode(bytes), valid: false };
  }
}
