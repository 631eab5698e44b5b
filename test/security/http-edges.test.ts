/**
 * Refusals at the edge of HTTP, over a real Node server (the one `npm start` runs): a body over the
 * limit answers 413 and closes the connection, so a keep-alive client's next request still works;
 * oversized headers and broken HTTP answer in the problem shape, not Node's empty 431/400.
 */
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServer } from '../../src/adapters/http/node';
import { silentLogger } from '../../src/lib/logger';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let server: Server;
let base: string;
let port: number;
let connections = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { MAX_BODY_BYTES: '2048' } });
  server = createNodeServer(t.app.fetch, { maxHeaderBytes: 4096, hsts: true, logger: silentLogger });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.close();
});

/** Writes raw bytes on a fresh connection and returns everything the server sent before closing. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
  });
}

function parseRaw(answer: string) {
  const [head, body] = answer.split('\r\n\r\n') as [string, string];
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(body) };
}

describe('413 on a kept-alive connection', () => {
  it('answers 413 with Connection: close, and the next request on the same client works', async () => {
    const before = connections;
    for (let i = 0; i < 6; i++) {
      const tooBig = await fetch(`${base}/v1/supervisors`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer test-admin-key-0123456789abcdef',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'x'.repeat(500_000) }),
      });
      expect(tooBig.status).toBe(413);
      expect(tooBig.headers.get('connection')).toBe('close');
      expect(tooBig.headers.get('content-type')).toBe('application/problem+json');
      expect(await tooBig.json()).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
      // Node's fetch (undici) keeps connections alive; this one must not run into a closed socket.
      const next = await fetch(`${base}/health`);
      expect(next.status).toBe(200);
      await next.text();
    }
    // Each 413 closed its connection, so the client opened new ones rather than reusing a broken one.
    expect(connections - before).toBeGreaterThanOrEqual(6);
  });

  it('reads a body of many megabytes to its end before closing: the client gets the 413, not a reset', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/v1/supervisors`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer test-admin-key-0123456789abcdef',
          'content-type': 'application/json',
        },
        body: 'x'.repeat(8_000_000),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
      expect((await fetch(`${base}/health`)).status).toBe(200);
    }
  });

  it('closes after a streamed (chunked) body over the limit too', async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 50; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
        controller.close();
      },
    });
    const res = await fetch(`${base}/v1/supervisors`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer test-admin-key-0123456789abcdef',
        'content-type': 'application/json',
      },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    await res.text();
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('keeps the connection for a body within the limit', async () => {
    const res = await fetch(`${base}/v1/supervisors`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer test-admin-key-0123456789abcdef',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('connection')).toBe('keep-alive');
    await res.text();
  });
});

describe('refusals before the app', () => {
  it('answers headers over the limit with a 431 problem document', async () => {
    const answer = parseRaw(
      await rawExchange(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`),
    );
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toMatchObject({
      status: 431,
      type: '/problems/headers-too-large',
      title: expect.any(String),
    });
    expect(answer.body.detail).toContain('4096');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers broken HTTP with a 400 problem document', async () => {
    const answer = parseRaw(
      await rawExchange('GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n'),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 400, type: '/problems/validation' });
  });

  it('answers a request that cannot become a URL with a 400 problem document', async () => {
    const answer = parseRaw(
      await rawExchange('GET /health HTTP/1.1\r\nHost: exa mple.se:99999\r\nConnection: close\r\n\r\n'),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
  });
});
