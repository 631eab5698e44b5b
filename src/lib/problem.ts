import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One invalid field: a JSON-pointer-like dotted path into the request, and what is wrong with it. */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details: the single error shape of the whole API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /**
   * Extension member: the request's id, the same as its `x-request-id` header and the `requestId` of
   * its log line, so a user's error report can be traced. Set when the problem is answered.
   */
  requestId?: string;
  errors?: FieldError[];
}

/** A problem as it is answered: always with the request's id. */
export type AnsweredProblem = Problem & { requestId: string };

const titles: Record<number, [slug: string, title: string]> = {
  400: ['validation', 'Invalid request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Request cannot be processed'],
  431: ['headers-too-large', 'Request headers too large'],
  429: ['rate-limited', 'Too many requests'],
  500: ['internal', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
};

/** An error a service throws on purpose; rendered as a problem document with its status. */
export class ApiError extends Error {
  /** Headers the answer carries besides the problem document, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>;
  constructor(
    readonly status: ContentfulStatusCode,
    detail: string,
    readonly errors?: FieldError[],
    /** A more specific problem type slug than the status's default, e.g. `slot-full`. */
    readonly slug?: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new ApiError(400, detail, errors);
export const unauthorized = (detail = 'Send an API key as `Authorization: Bearer <key>`.') =>
  new ApiError(401, detail);
export const forbidden = (detail: string) => new ApiError(403, detail);
export const notFound = (what: string, id?: string) =>
  new ApiError(404, id ? `${what} ${id} does not exist or is not visible to you.` : `${what} not found.`);
export const conflict = (detail: string, slug?: string) => new ApiError(409, detail, undefined, slug);
export const unprocessable = (detail: string, errors?: FieldError[]) => new ApiError(422, detail, errors);
export function tooManyRequests(detail: string, retryAfterSeconds: number) {
  const err = new ApiError(429, detail);
  err.headers = { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  return err;
}

export function problem(status: number, detail: string, errors?: FieldError[], slug?: string): Problem {
  const [defaultSlug, title] = titles[status] ?? ['error', 'Error'];
  return {
    type: `/problems/${slug ?? defaultSlug}`,
    title,
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

/** The problem with the request's id placed after its detail (before the long `errors` list). */
export function withRequestId(p: Problem, requestId: string): AnsweredProblem {
  const { errors, ...head } = p;
  return { ...head, requestId, ...(errors ? { errors } : {}) };
}

/** A fresh request id, for refusals that come before the app could give one. */
export const newRequestId = () => crypto.randomUUID();

/** The problem document as the answer, carrying the id the request context gave the request. */
export function problemResponse<E extends { Variables: { requestId: string } }>(c: Context<E>, p: Problem) {
  const requestId: string = c.var.requestId;
  return c.body(JSON.stringify(withRequestId(p, requestId)), p.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}

/** zod issues → field errors with dotted paths (`schedule.0.end`). */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix?: string,
): FieldError[] {
  return issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((p) => p !== undefined && p !== '').join('.') || '(root)',
    message: i.message,
  }));
}
