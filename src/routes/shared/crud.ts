/**
 * The five routes every registry resource has (create, list, read, update, remove), generated from
 * its schemas so each resource states only what differs. The OpenAPI document and the validation
 * come from the same schemas.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import type { Actor } from '../../auth/actor';
import { PageQuery } from '../../lib/pagination';
import type { Services } from '../../services';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from './openapi';

interface CrudService {
  create(actor: Actor, input: never): Promise<unknown>;
  list(actor: Actor, query: never): Promise<unknown>;
  get(actor: Actor, id: string): Promise<unknown>;
  update(actor: Actor, id: string, patch: never): Promise<unknown>;
  remove?(actor: Actor, id: string): Promise<void>;
}

export interface CrudOptions {
  /** Collection path, e.g. `/slots`. */
  path: string;
  tag: string;
  /** Singular noun for summaries, e.g. `slot`. */
  noun: string;
  idPrefix: string;
  entity: z.ZodObject;
  create: z.ZodType;
  update: z.ZodType;
  listQuery?: z.ZodObject;
  service: (s: Services) => CrudService;
  /** What DELETE does, for the docs; omit when the resource cannot be removed. */
  removeSummary?: string;
  descriptions?: { create?: string; list?: string };
}

// The generic route builder cannot see each resource's exact input types; the schemas above have
// validated the input before any of these handlers run.
type AnyCtx = Context<AppEnv> & { req: { valid(target: string): never } };

export function crudRouter(o: CrudOptions) {
  const tags = [o.tag];
  const params = IdParam(o.idPrefix, `${o.idPrefix}_01JD3S2Q7ZK4V0X9YB6N5M8T2R`);
  const item = `${o.path}/{id}`;
  const router = createRouter();
  const svc = (c: AnyCtx) => o.service(c.var.services);
  const id = (c: AnyCtx) => (c.req.valid('param') as { id: string }).id;

  router.openapi(
    createRoute({
      method: 'post',
      path: o.path,
      tags,
      security,
      summary: `Create a ${o.noun}`,
      description: o.descriptions?.create,
      request: { body: jsonBody(o.create) },
      responses: { 201: jsonContent(o.entity, 'Created'), ...problems(403, 409, 422) },
    }),
    (async (c: AnyCtx) => c.json(await svc(c).create(c.var.actor, c.req.valid('json')), 201)) as never,
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: o.path,
      tags,
      security,
      summary: `List ${o.noun}s visible to the caller`,
      description: o.descriptions?.list,
      request: { query: o.listQuery ? PageQuery.extend(o.listQuery.shape) : PageQuery },
      responses: {
        200: jsonContent(pageOf(o.entity, `${o.tag.replace(/\W/g, '')}Page`), 'A page'),
        ...problems(403),
      },
    }),
    (async (c: AnyCtx) => c.json(await svc(c).list(c.var.actor, c.req.valid('query')), 200)) as never,
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: item,
      tags,
      security,
      summary: `Read a ${o.noun}`,
      request: { params },
      responses: { 200: jsonContent(o.entity, `The ${o.noun}`), ...problems(404) },
    }),
    (async (c: AnyCtx) => c.json(await svc(c).get(c.var.actor, id(c)), 200)) as never,
  );
  router.openapi(
    createRoute({
      method: 'patch',
      path: item,
      tags,
      security,
      summary: `Update a ${o.noun}`,
      request: { params, body: jsonBody(o.update) },
      responses: { 200: jsonContent(o.entity, 'Updated'), ...problems(403, 404, 409, 422) },
    }),
    (async (c: AnyCtx) => c.json(await svc(c).update(c.var.actor, id(c), c.req.valid('json')), 200)) as never,
  );
  if (o.removeSummary)
    router.openapi(
      createRoute({
        method: 'delete',
        path: item,
        tags,
        security,
        summary: o.removeSummary,
        request: { params },
        responses: { 204: { description: 'Removed' }, ...problems(403, 404, 409) },
      }),
      (async (c: AnyCtx) => {
        await svc(c).remove!(c.var.actor, id(c));
        return c.body(null, 204);
      }) as never,
    );
  return router;
}
