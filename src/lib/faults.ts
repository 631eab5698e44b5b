/**
 * Driver errors, described once. drizzle wraps the driver's error in its own, whose message lists the
 * statement's parameters (which may hold personal data); the driver's error is its `cause`.
 */

/** The error and the errors it wraps, outermost first (a few levels at most). */
export function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && chain.length < 5; ) {
    chain.push(e);
    e = e instanceof Error ? e.cause : undefined;
  }
  return chain;
}

/** Every message in the chain, joined: what constraint checks look for. */
export function errorText(err: unknown): string {
  return errorChain(err)
    .filter((e) => e instanceof Error)
    .map((e) => e.message)
    .join(' | ');
}

/** An error's kind and first line, for a log: the driver's error rather than drizzle's wrapper. */
export function describeFault(err: unknown): { error: string; reason?: string } {
  const cause = err instanceof Error ? err.cause : undefined;
  const source = cause instanceof Error ? cause : err;
  return source instanceof Error
    ? { error: source.name, reason: source.message.split('\n')[0] }
    : { error: typeof source };
}
