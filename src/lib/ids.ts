/**
 * Sortable identifiers with a type prefix (`slt_01JD…`): a ULID (48-bit time + 80 random bits,
 * Crockford base32) so that ordering by id is ordering by creation, which makes cursor pagination
 * trivial and logs readable. Monotonic within one millisecond in one process.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const idPrefixes = {
  organization: 'org',
  user: 'usr',
  apiKey: 'key',
  site: 'sit',
  supervisor: 'sup',
  slot: 'slt',
  capacity: 'cap',
  participant: 'prt',
  placement: 'plc',
  outbox: 'obx',
  event: 'evt',
  audit: 'aud',
  contact: 'ctc',
  notification: 'ntf',
  followUp: 'fup',
  accessCode: 'pac',
} as const;
export type IdKind = keyof typeof idPrefixes;

let lastTime = -1;
const lastRandom = new Uint8Array(10);

/**
 * Random bytes are drawn from the CSPRNG a block at a time and each used once: a call per id cost
 * about 4 µs, most of what making an id costs (a proposal makes five).
 */
const pool = new Uint8Array(1000);
let poolAt = pool.length;
function fillRandom(into: Uint8Array) {
  if (poolAt + into.length > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  into.set(pool.subarray(poolAt, poolAt + into.length));
  poolAt += into.length;
}

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = alphabet[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 characters, 5 bits at a time.
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

export function ulid(now = Date.now()): string {
  if (now <= lastTime) {
    // Same millisecond (or a clock step back): increment the random part so ids stay ordered.
    for (let i = lastRandom.length - 1; i >= 0; i--) {
      lastRandom[i] = (lastRandom[i]! + 1) & 0xff;
      if (lastRandom[i] !== 0) break;
    }
    now = lastTime;
  } else {
    fillRandom(lastRandom);
    lastRandom[0]! &= 0x7f; // leave headroom so increments never wrap within a millisecond
    lastTime = now;
  }
  return encodeTime(now) + encodeRandom(lastRandom);
}

export const newId = (kind: IdKind) => `${idPrefixes[kind]}_${ulid()}`;
