/**
 * The Node HTTP server around the app. Requests the app never sees (headers over the limit, broken
 * HTTP, a request that cannot become a `Request`) are refused here, in the same problem shape as
 * every other error, instead of Node's empty 400/431. Each such refusal gets a request id of its own,
 * in the problem document, the `x-request-id` header and one log line, like a request the app answers.
 */
import { createServer, type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener, type Http2Bindings, type HttpBindings, RequestError } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { describeFault } from '../../lib/faults';
import type { Logger } from '../../lib/logger';
import { newRequestId, problem, withRequestId } from '../../lib/problem';
import { type SecurityHeaderOptions, securityHeaders } from '../../lib/security-headers';

export interface NodeServerOptions extends SecurityHeaderOptions {
  /** Largest accepted request head (request line and headers), in bytes; more answers 431. */
  maxHeaderBytes: number;
  /** Where refusals before the app write their line (the app's logger). */
  logger: Logger;
}

/** Node's parser errors → the status Node itself would answer (see Node's `clientError` docs). */
function statusFor(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

function detailFor(status: number, o: NodeServerOptions) {
  if (status === 431) return `The request headers are larger than ${o.maxHeaderBytes} bytes.`;
  if (status === 408) return 'The request did not arrive in time.';
  if (status === 413) return 'The request body’s chunk extensions are too large.';
  return 'The request is not valid HTTP/1.1.';
}

/** A complete HTTP response carrying a problem document; the connection closes after it. */
function rawProblemResponse(status: number, detail: string, requestId: string, o: SecurityHeaderOptions) {
  const body = JSON.stringify(withRequestId(problem(status, detail), requestId));
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    `X-Request-Id: ${requestId}`,
    ...Object.entries(securityHeaders(o)).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * The client's address for the app (`clientAddress` in AppDeps): the socket's peer, or behind a
 * trusted reverse proxy the last `X-Forwarded-For` entry (the one that proxy added).
 */
export function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
      if (forwarded) return forwarded;
    }
    return getConnInfo(c).remote.address;
  };
}

/** `fetch` receives the Node bindings (`incoming`, `outgoing`) as `env`; pass them on to the app. */
export function createNodeServer(
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  o: NodeServerOptions,
): Server {
  const listener = getRequestListener(fetch, {
    // The incoming message could not be turned into a Request (e.g. a Host header that is no host);
    // anything else escaped the app's own error handler.
    errorHandler: (err) => {
      const requestId = newRequestId();
      const unreadable = err instanceof RequestError;
      const p = unreadable
        ? problem(400, 'The request could not be read.')
        : problem(500, `Something went wrong on our side. Request id: ${requestId}.`);
      if (!unreadable) o.logger.error('unhandled', { requestId, ...describeFault(err) });
      o.logger.info('request', { requestId, status: p.status, refused: 'before the app' });
      return new Response(JSON.stringify(withRequestId(p, requestId)), {
        status: p.status,
        headers: {
          ...securityHeaders(o),
          'content-type': 'application/problem+json',
          'x-request-id': requestId,
          connection: 'close',
        },
      });
    },
  });
  const server = createServer({ maxHeaderSize: o.maxHeaderBytes }, listener);
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusFor(err.code);
    const requestId = newRequestId();
    o.logger.info('request', { requestId, status, refused: 'before the app' });
    socket.end(rawProblemResponse(status, detailFor(status, o), requestId, o));
  });
  return server;
}
