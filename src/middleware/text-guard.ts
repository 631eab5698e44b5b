import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { type FieldError, problem, problemResponse } from '../lib/problem';
import { decodeUtf8, textErrors, textProblem } from '../lib/text';

const jsonMediaType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const bodyless = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses bad text before any route sees it (so every route, present and future, is covered): query
 * parameters and JSON bodies whose strings hold NUL, control characters, lone surrogates or invalid
 * UTF-8 answer 400 naming each field, and nothing is written. The body's raw bytes are checked before
 * JSON parsing, which would otherwise turn invalid UTF-8 into U+FFFD silently.
 */
export const textGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const errors: FieldError[] = [];
  // Most requests have no query string: then there is nothing to parse.
  if (c.req.url.includes('?'))
    for (const [name, values] of Object.entries(c.req.queries()))
      for (const value of values) {
        const why = textProblem(name) ?? textProblem(value);
        if (why) errors.push({ path: `query.${name}`, message: why });
      }
  if (!bodyless.has(c.req.method) && jsonMediaType.test(c.req.header('content-type') ?? '')) {
    const { text, valid } = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
    // Hono keeps the bytes read here for the route's own validator; valid text is kept as text too,
    // so the validator's json() parses it as it is instead of decoding the bytes again through a
    // Response. Hono keeps promises in bodyCache, whatever its type says (request.js #cachedBody).
    if (valid) Object.assign(c.req.bodyCache, { text: Promise.resolve(text) });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Malformed JSON is the validator's to report; invalid UTF-8 is named here.
      if (!valid) errors.push({ path: '(root)', message: 'must be valid UTF-8 text' });
    }
    errors.push(...textErrors(body, !valid));
  }
  if (errors.length)
    return problemResponse(
      c,
      problem(400, 'The request holds text that cannot be stored; see `errors`.', errors),
    );
  await next();
};
