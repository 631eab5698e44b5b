/**
 * Access codes as people type them: 12 characters of Crockford's base32 (60 random bits), shown in
 * groups of four. Typing is forgiving: case, spaces and dashes do not matter, and O, I and L are read
 * as 0, 1 and 1. Only the SHA-256 of the normalised code is stored.
 */
import { sha256Hex } from '../../lib/crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

export function newAccessCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  // 256 is a multiple of 32: each byte's low five bits are uniform.
  const raw = [...bytes].map((b) => alphabet[b & 31]).join('');
  return raw.match(/.{4}/g)!.join('-');
}

/** The code as stored (before hashing), or null when it cannot be a code at all. */
export function normaliseCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH || [...s].some((ch) => !alphabet.includes(ch))) return null;
  return s;
}

export const codeHash = (normalised: string) => sha256Hex(`participant-access:${normalised}`);
