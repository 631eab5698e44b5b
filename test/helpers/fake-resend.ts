/**
 * A local stand-in for Resend's `POST /emails`, for the mail tests: records every request (with its
 * Idempotency-Key), keeps idempotency like Resend (a repeated key with the same body gets the first
 * answer and sends nothing; with another body, 409 invalid_idempotent_request), refuses chosen
 * addresses with a 422 validation_error, and fails on demand (a status, or a hang before or after
 * accepting the mail). `deliveries` is what would have reached inboxes: one per accepted key.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  idempotencyKey: string | null;
  authorization: string | null;
  body: { from: string; to: string[]; subject: string; text: string; html: string; tags?: unknown };
  status: number | 'hang';
}

export interface Delivery {
  id: string;
  idempotencyKey: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

type Behaviour =
  | { status: number; name?: string; retryAfter?: string }
  | { hang: 'before_accept' | 'after_accept' };

export const FAKE_RESEND_KEY = 're_test_0123456789';

export async function startFakeResend() {
  const requests: RecordedRequest[] = [];
  const deliveries: Delivery[] = [];
  const byKey = new Map<string, { raw: string; id: string }>();
  const refused = new Set<string>();
  const queue: Behaviour[] = [];
  /** Failures for one recipient only, so tests sharing the server cannot take each other's. */
  const queueFor = new Map<string, Behaviour[]>();
  let counter = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  function accept(key: string | null, raw: string, body: RecordedRequest['body']) {
    const id = `fake_${String(++counter).padStart(4, '0')}`;
    if (key) byKey.set(key, { raw, id });
    deliveries.push({
      id,
      idempotencyKey: key,
      to: body.to,
      subject: body.subject,
      text: body.text,
      html: body.html,
    });
    return id;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.url?.startsWith('/__fake/')) return control(req.method ?? 'GET', req.url, raw, res);
    if (req.method !== 'POST' || req.url !== '/emails')
      return json(res, 404, { statusCode: 404, name: 'not_found', message: 'Not found' });
    const body = JSON.parse(raw) as RecordedRequest['body'];
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const record: RecordedRequest = {
      idempotencyKey: key,
      authorization: req.headers.authorization ?? null,
      body,
      status: 200,
    };
    requests.push(record);

    const next = queueFor.get(body.to[0] ?? '')?.shift() ?? queue.shift();
    if (next && 'hang' in next) {
      record.status = 'hang';
      if (next.hang === 'after_accept' && !(key && byKey.has(key))) accept(key, raw, body);
      return; // never answers; the client's timeout ends it
    }
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      json(res, status, payload, headers);
    };
    if (next)
      return reply(
        next.status,
        { statusCode: next.status, name: next.name ?? 'internal_server_error', message: 'Injected failure' },
        next.retryAfter === undefined ? {} : { 'retry-after': next.retryAfter },
      );
    if (req.headers.authorization !== `Bearer ${FAKE_RESEND_KEY}`)
      return reply(401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' });
    const previous = key ? byKey.get(key) : undefined;
    if (previous) {
      if (previous.raw !== raw)
        return reply(409, {
          statusCode: 409,
          name: 'invalid_idempotent_request',
          message: 'Same idempotency key used with a different request payload.',
        });
      return reply(200, { id: previous.id });
    }
    const bad = body.to.find((to) => refused.has(to) || refused.has(to.split('@')[1] ?? ''));
    if (bad)
      return reply(422, {
        statusCode: 422,
        name: 'validation_error',
        message: 'Invalid `to` field. The email address needs to follow the `email@example.com` format.',
      });
    return reply(200, { id: accept(key, raw, body) });
  }

  /**
   * The same controls over HTTP, for tests that cannot hold this object (the Workers suite runs in
   * workerd): GET /__fake/requests and /__fake/deliveries, POST /__fake/fail {times, status, name, retryAfter?, address?},
   * /__fake/hang {when}, /__fake/refuse and /__fake/allow {address}.
   */
  function control(method: string, url: string, raw: string, res: ServerResponse) {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (method === 'GET' && url === '/__fake/requests') return json(res, 200, requests);
    if (method === 'GET' && url === '/__fake/deliveries') return json(res, 200, deliveries);
    if (method === 'POST' && url === '/__fake/fail') {
      const target = body.address ? (queueFor.get(String(body.address)) ?? []) : queue;
      if (body.address) queueFor.set(String(body.address), target);
      for (let i = 0; i < Number(body.times ?? 1); i++)
        target.push({
          status: Number(body.status ?? 500),
          name: body.name as string | undefined,
          retryAfter: body.retryAfter === undefined ? undefined : String(body.retryAfter),
        });
    } else if (method === 'POST' && url === '/__fake/hang')
      queue.push({ hang: body.when === 'after_accept' ? 'after_accept' : 'before_accept' });
    else if (method === 'POST' && url === '/__fake/refuse') refused.add(String(body.address));
    else if (method === 'POST' && url === '/__fake/allow') refused.delete(String(body.address));
    else return json(res, 404, { message: 'unknown control' });
    return json(res, 200, { ok: true });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() =>
      json(res, 500, { statusCode: 500, name: 'internal_server_error', message: 'fake crashed' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    deliveries,
    /** The next `times` requests answer `status` (e.g. 500, 503, 429), with a Retry-After when given. */
    failNext(times: number, status = 500, name?: string, retryAfter?: string) {
      for (let i = 0; i < times; i++) queue.push({ status, name, retryAfter });
    },
    /** Drops the failures still queued: the provider is back. */
    recover() {
      queue.length = 0;
      queueFor.clear();
    },
    /** The next request never gets an answer; with after_accept the mail was sent all the same. */
    hangNext(when: 'before_accept' | 'after_accept' = 'before_accept') {
      queue.push({ hang: when });
    },
    /** Refuse an address, or every address of a domain, with a 422. */
    refuse(addressOrDomain: string) {
      refused.add(addressOrDomain);
    },
    allow(addressOrDomain: string) {
      refused.delete(addressOrDomain);
    },
    deliveriesTo(address: string) {
      return deliveries.filter((d) => d.to.includes(address));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
