/**
 * One JSON request to the API, typed from the route definitions: the answer's `body` is the type
 * the route documents for its success status, so a test that reads a field the answer does not have
 * fails to compile. A path that names no documented route (or one built from plain strings) gets
 * `unknown`. On a refusal, read the problem document as `problem`.
 */
import type { ExtractSchema } from 'hono/types';
import type { App } from '../../src/app';
import type { AnsweredProblem } from '../../src/lib/problem';
import type { ApiRoutes } from '../../src/routes';

/** The OpenAPI document is served by the app itself, typed as the generator's answer. */
interface DocumentRoute {
  '/openapi.json': { $get: { status: 200; output: ReturnType<App['getOpenAPI31Document']> } };
}
type Schema = ExtractSchema<ApiRoutes> & DocumentRoute;
type RoutePath = keyof Schema & string;

/** `/v1/slots/{id}` → `['', 'v1', 'slots', ':id']`; a `${string}` segment stays `string`. */
type Segments<P extends string> = P extends `${infer Head}/${infer Tail}` ? [Head, ...Segments<Tail>] : [P];
/** Does a request path (as segments) fall under a route (as segments)? A `:param` takes any segment. */
type Fits<Path extends string[], Route extends string[]> = Path extends [
  infer P extends string,
  ...infer PRest extends string[],
]
  ? Route extends [infer R extends string, ...infer RRest extends string[]]
    ? R extends `:${string}`
      ? Fits<PRest, RRest>
      : P extends R
        ? Fits<PRest, RRest>
        : false
    : false
  : Route extends []
    ? true
    : false;
type WithoutQuery<P extends string> = P extends `${infer Base}?${string}` ? Base : P;
/** The documented route a request path falls under; a literal route wins (`/slots/search` over `/slots/:id`). */
export type RouteOf<P extends string> = P extends string // one path of a union at a time
  ? WithoutQuery<P> extends RoutePath
    ? WithoutQuery<P>
    : { [R in RoutePath]: Fits<Segments<WithoutQuery<P>>, Segments<R>> extends true ? R : never }[RoutePath]
  : never;

type SuccessOutput<E> = E extends { status: infer S extends number; output: infer O }
  ? `${S}` extends `2${string}`
    ? O
    : never
  : never;
type Endpoint<M extends string, R extends RoutePath> =
  Schema[R] extends Record<`$${Lowercase<M>}`, infer E> ? E : never;
type OrElse<T, U> = [T] extends [never] ? U : T;
/** A route that answers JSON or CSV (reports) is read as its JSON answer. */
type Output<E> = OrElse<Exclude<SuccessOutput<E>, string>, SuccessOutput<E>>;
/** What the route documents for `method path` on success; `unknown` when no route is known. */
export type AnswerOf<M extends string, P extends string> = OrElse<Output<Endpoint<M, RouteOf<P>>>, unknown>;

export interface CallOptions {
  /** The API key; the admin key when left out, none when `null`. */
  key?: string | null;
  /** Sent as JSON (refusals are tested too, so any value). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as it is, instead of `body`. */
  raw?: string;
}

export interface Answer<T> {
  status: number;
  /** The parsed JSON answer, typed as the route's success answer. */
  body: T;
  /** The same JSON read as a problem document: for refusals. */
  problem: AnsweredProblem;
  text: string;
  headers: Headers;
}

/** A typed `call` over anything that answers a Request for a path (the app, the Worker). */
export function typedCall(send: (path: string, init: RequestInit) => Promise<Response>, adminKey: string) {
  return async function call<M extends string, P extends string>(
    method: M,
    path: P,
    options: CallOptions = {},
  ): Promise<Answer<AnswerOf<M, P>>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? adminKey : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // Redirects are answers to look at (the pages' sign-in), not to follow.
    const res = await send(path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const json = parseJson(text);
    // The one place the JSON becomes a type: what the route documents (the compiler holds every
    // handler to it) or, on a refusal, the problem shape; the tests' assertions check the values.
    return {
      status: res.status,
      body: json as AnswerOf<M, P>,
      problem: json as AnsweredProblem,
      text,
      headers: res.headers,
    };
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The typed `call`, and what factories need of a test app: only the API. */
export type Call = ReturnType<typeof typedCall>;
export interface Api {
  call: Call;
}
