/**
 * Every refusal can be traced: the problem document's `requestId` is the answer's `x-request-id` and
 * the `requestId` of the request's one log line, on every path a refusal takes (validation, keys,
 * roles, unknown routes, conflicts, limits, a fault, and the refusals Node answers before the app).
 */
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServer } from '../../src/adapters/http/node';
import { createLogger } from '../../src/lib/logger';
import type { Problem } from '../../src/lib/problem';
import { ADMIN_KEY, createTestApp, type TestApp } from '../helpers/app';
import { orgWithKey } from '../helpers/factories';

const lines: Record<string, unknown>[] = [];
const logger = createLogger('info', (line) => lines.push(JSON.parse(line)));
let t: TestApp;
let server: Server;
let port: number;

beforeAll(async () => {
  t = await createTestApp({
    env: { MAX_BODY_BYTES: '2048', AUTH_FAILURE_LIMIT: '2' },
    deps: {
      logger,
      // A fault inside the app on demand, for the 500 path.
      clientAddress: (c) => {
        if (c.req.header('x-test-fault')) throw new Error('planted fault');
        return c.req.header('x-test-client');
      },
    },
  });
  server = createNodeServer(t.app.fetch, { maxHeaderBytes: 4096, hsts: false, logger });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.close();
});

interface Answer {
  status: number;
  header: string | null;
  body: Problem;
}

async function send(path: string, init: RequestInit & { key?: string | null } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  const key = init.key === undefined ? ADMIN_KEY : init.key;
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers });
  const body = (await res.json()) as Problem;
  return { status: res.status, header: res.headers.get('x-request-id'), body };
}

/** Raw bytes on a fresh connection (for what fetch cannot send); the parsed answer. */
function sendRaw(request: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('utf8');
    });
    socket.on('end', () => {
      const [head, body] = text.split('\r\n\r\n') as [string, string];
      const header = /^x-request-id:\s*(\S+)/im.exec(head)?.[1] ?? null;
      resolve({ status: Number(head.split(' ')[1]), header, body: JSON.parse(body) });
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

/** The answer's problem, header and log line all name one id, and the line has the answer's status. */
function expectTraceable(answer: Answer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.body.status).toBe(status);
  expect(answer.body.requestId).toMatch(/\S{8,}/);
  expect(answer.header).toBe(answer.body.requestId);
  const logged = lines.filter((l) => l.msg === 'request' && l.requestId === answer.body.requestId);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({ status });
}

describe('request ids in problem documents', () => {
  it('validation 400', async () => {
    expectTraceable(await send('/v1/supervisors', { method: 'POST', body: '{"name":""}' }), 400);
  });

  it('401 without a key, 403 for a role that may not', async () => {
    expectTraceable(await send('/v1/me', { key: null }), 401);
    const handler = await orgWithKey(t, 'provider', 'handler');
    const path = `/v1/organizations/${handler.org.id}`;
    expectTraceable(await send(path, { method: 'DELETE', key: handler.key }), 403);
  });

  it('404 for an unknown route', async () => {
    expectTraceable(await send('/v1/no-such-thing'), 404);
  });

  it('409 for a conflict', async () => {
    const employer = await orgWithKey(t, 'employer', 'employer');
    const body = JSON.stringify({
      name: 'Dubblett',
      kind: 'employer',
      organizationNumber: employer.org.organizationNumber,
      contactEmail: 'a@example.se',
      municipalityCode: '0180',
    });
    expectTraceable(await send('/v1/organizations', { method: 'POST', body }), 409);
  });

  it('413 for a body over the limit', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(5000) });
    expectTraceable(await send('/v1/supervisors', { method: 'POST', body }), 413);
  });

  it('429 past the limit of wrong keys', async () => {
    const wrong = { key: 'sek_wrongwrongwrongwrong', headers: { 'x-test-client': '203.0.113.9' } };
    for (let i = 0; i < 2; i++) expect((await send('/v1/me', wrong)).status).toBe(401);
    expectTraceable(await send('/v1/me', wrong), 429);
  });

  it('500 for a fault, with the id in the detail too', async () => {
    const answer = await send('/v1/me', { headers: { 'x-test-fault': '1' } });
    expectTraceable(answer, 500);
    expect(answer.body.detail).toContain(answer.body.requestId);
    expect(lines.find((l) => l.msg === 'unhandled')).toMatchObject({ requestId: answer.body.requestId });
  });

  it('keeps a client’s own x-request-id', async () => {
    const answer = await send('/v1/no-such-thing', { headers: { 'x-request-id': 'client-chosen-4711' } });
    expectTraceable(answer, 404);
    expect(answer.body.requestId).toBe('client-chosen-4711');
  });

  it('431 and broken HTTP, refused by Node before the app', async () => {
    const big = `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`;
    expectTraceable(await sendRaw(big), 431);
    expectTraceable(await sendRaw('GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n'), 400);
  });
});
