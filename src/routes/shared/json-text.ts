import type { Context, TypedResponse } from 'hono';

/**
 * A 200 whose JSON a service already wrote (a text or its UTF-8 bytes: the slot list, matches and
 * search answers, made without building and stringifying the objects again), typed as `c.json` types
 * the value it holds. The type only tells the OpenAPI route what the body is (a TypedResponse is a
 * Response with a phantom type), so this is the one place routes assert it; the tests compare each
 * such body with the service's value stringified.
 */
export function jsonText<T>(c: Context, body: string | Uint8Array<ArrayBuffer>) {
  const response: Response = c.body(body, 200, { 'Content-Type': 'application/json' });
  return response as Response & TypedResponse<T, 200, 'json'>;
}
