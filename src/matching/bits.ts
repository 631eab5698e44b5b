/** Number of set bits in a 32-bit integer (SWAR popcount; no loop over bits). */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Indices of the set bits, lowest first. */
export function bitIndices(x: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 31; i++) if (x & (1 << i)) out.push(i);
  return out;
}
