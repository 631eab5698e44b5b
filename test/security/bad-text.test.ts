/**
 * Bad text is refused, never silently changed: NUL, control characters other than newline and tab,
 * lone surrogates and invalid UTF-8 answer 400 naming the field, and nothing is written. The write
 * routes come from the OpenAPI document, so a new route is covered without touching this file.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSupervisor, orgWithKey, participantBody, slotBody } from '../helpers/factories';

let t: TestApp;
let operations: { method: string; path: string; field: string[] }[];

const encoder = new TextEncoder();
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...encoder.encode(p)] : p)));

/** Each kind of bad text, as the raw bytes of a JSON string literal (quotes included). */
const badStrings: Record<string, Uint8Array> = {
  'NUL (escaped)': bytes('"Lager\\u0000arbetare"'),
  'escape character (terminal colours)': bytes('"Lager\\u001b[31marbetare"'),
  'carriage return': bytes('"Lager\\rarbetare"'),
  DEL: bytes('"Lager\\u007farbetare"'),
  'C1 control (8-bit CSI)': bytes('"Lager\\u009barbetare"'),
  'C1 control as raw UTF-8 bytes': bytes('"Lager', [0xc2, 0x9b], 'arbetare"'),
  'lone high surrogate': bytes('"Lager\\ud800arbetare"'),
  'lone low surrogate': bytes('"Lager\\udc00arbetare"'),
  'reversed surrogate pair': bytes('"Lager\\udc00\\ud800"'),
  'invalid UTF-8: stray continuation byte': bytes('"Lager', [0x80], 'arbetare"'),
  'invalid UTF-8: truncated sequence': bytes('"Lager', [0xe2, 0x82], 'arbetare"'),
  'invalid UTF-8: overlong slash': bytes('"Lager', [0xc0, 0xaf], 'arbetare"'),
  'invalid UTF-8: 0xFF': bytes('"Lager', [0xff], 'arbetare"'),
  'invalid UTF-8: encoded surrogate': bytes('"Lager', [0xed, 0xa0, 0x80], 'arbetare"'),
};

/** A JSON object with `value` (raw JSON bytes) at a dotted path of object keys and array indexes. */
function bodyWith(path: string[], value: Uint8Array): Uint8Array {
  let json = '\u0001';
  for (const part of [...path].reverse())
    json = /^\d+$/.test(part) ? `[${json}]` : `{${JSON.stringify(part)}:${json}}`;
  const [before, after] = json.split('\u0001') as [string, string];
  return bytes(before, [...value], after);
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

/** The path of the first free-text string field in a request schema (a string without a pattern or enum). */
function firstStringField(schemas: Record<string, Schema>, root: Schema) {
  const visit = (s: Schema, path: string[], depth: number): string[] | null => {
    if (depth > 6) return null;
    if (s.$ref) return visit(schemas[s.$ref.split('/').pop()!]!, path, depth + 1);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
      const found = visit(alt, path, depth + 1);
      if (found) return found;
    }
    const types = [s.type].flat();
    if (types.includes('string')) return path;
    if (types.includes('array') && s.items) return visit(s.items, [...path, '0'], depth + 1);
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      const found = visit(p, [...path, name], depth + 1);
      if (found) return found;
    }
    return null;
  };
  return visit(root, [], 0);
}

/** Every row of every table, so "nothing was written" is checked exactly. */
async function snapshot() {
  const tables = await t.db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%'`,
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await t.db.all(sql.raw(`select * from "${name}"`));
  return JSON.stringify(out);
}

async function send(method: string, path: string, body: Uint8Array, key?: string) {
  const res = await t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${key ?? 'test-admin-key-0123456789abcdef'}`,
      'content-type': 'application/json',
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type'), body: JSON.parse(text) };
}

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.requestBody?.content?.['application/json'])
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, 'xyz_01JD3S2Q7ZK4V0X9YB6N5M8T2R'),
        field: firstStringField(schemas, op.requestBody.content['application/json'].schema) ?? ['note'],
      })),
  );
});
afterAll(() => t.close());

describe('every write route refuses bad text, naming the field, and writes nothing', () => {
  it('finds the write routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('POST /v1/slots');
  });

  it.each(Object.entries(badStrings))('%s', async (_kind, value) => {
    const before = await snapshot();
    for (const op of operations) {
      const res = await send(op.method, op.path, bodyWith(op.field, value));
      const where = `${op.method} ${op.path} (${op.field.join('.')})`;
      expect(res.status, `${where}: ${res.text}`).toBe(400);
      expect(res.type, where).toContain('application/problem+json');
      expect(res.body.type).toBe('/problems/validation');
      expect(res.body.errors, where).toContainEqual({
        path: op.field.join('.'),
        message: expect.any(String),
      });
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('bad text on a real write, end to end', () => {
  let employerKey: string;
  let handlerKey: string;
  let supervisorId: string;

  beforeAll(async () => {
    employerKey = (await orgWithKey(t, 'employer', 'employer')).key;
    handlerKey = (await orgWithKey(t, 'provider', 'handler')).key;
    supervisorId = (await createSupervisor(t, employerKey)).id;
  });

  const slotWithTitle = (title: Uint8Array) => {
    const json = JSON.stringify(slotBody([supervisorId], { title: '\u0001' }));
    const [before, after] = json.split('"\\u0001"') as [string, string];
    return bytes(before, [...title], after);
  };

  it('refuses a NUL in a slot title that would otherwise be stored truncated', async () => {
    const before = await snapshot();
    const res = await send('POST', '/v1/slots', slotWithTitle(badStrings['NUL (escaped)']!), employerKey);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'title', message: 'must not contain NUL characters' }]);
    expect(await snapshot()).toBe(before);
  });

  it('names invalid UTF-8 as such, in nested fields too', async () => {
    const bad = bytes('"', [0xc3, 0x28], '"');
    const res = await send('POST', '/v1/slots', slotWithTitle(bad), employerKey);
    expect(res.body.errors).toEqual([{ path: 'title', message: 'must be valid UTF-8 text' }]);
    const nested = await send(
      'POST',
      '/v1/participants',
      bytes(JSON.stringify(participantBody()).replace(/\}$/, ',"strengths":["noggrann",'), [...bad], ']}'),
      handlerKey,
    );
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toContainEqual({ path: 'strengths.1', message: 'must be valid UTF-8 text' });
  });

  it('refuses bad text in field names and query parameters', async () => {
    const key = await send('POST', '/v1/slots', bytes('{"ti\\u0000tle":"x"}'), employerKey);
    expect(key.status).toBe(400);
    expect(key.body.errors[0].message).toMatch(/^field name must not contain NUL/);
    const query = await t.call('GET', '/v1/slots/search?q=lager%1B%5B31m', { key: employerKey });
    expect(query.status).toBe(400);
    expect(query.problem.errors).toEqual([{ path: 'query.q', message: expect.stringMatching(/control/) }]);
  });

  it('keeps newline, tab, emoji and a real U+FFFD exactly as sent', async () => {
    const title = 'Café\tkök\nrad två 😀 \uFFFD';
    const created = await t.call('POST', '/v1/slots', {
      key: employerKey,
      body: slotBody([supervisorId], { title, description: 'Rader:\n- ett\n- två' }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.title).toBe(title);
    const read = await t.call('GET', `/v1/slots/${created.body.id}`, { key: employerKey });
    expect(read.body.title).toBe(title);
    expect(read.body.description).toBe('Rader:\n- ett\n- två');
  });

  it('reports malformed JSON with invalid bytes outside strings as invalid UTF-8', async () => {
    const res = await send('POST', '/v1/slots', bytes('{', [0xff], '}'), employerKey);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '(root)', message: 'must be valid UTF-8 text' }]);
  });
});
