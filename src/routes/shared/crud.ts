/**
 * The five routes every registry resource has (create, list, read, update, remove), defined from its
 * schemas so each resource states only what differs. Each resource's router attaches its handlers to
 * these definitions, so the compiler checks every handler's input and answer against them; the
 * OpenAPI document and the validation come from the same schemas.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { PageQuery } from '../../lib/pagination';
import { IdParam, jsonBody, jsonContent, pageOf, problems, security } from './openapi';

export interface CrudOptions<
  Path extends string,
  Entity extends z.ZodType,
  Create extends z.ZodType,
  Update extends z.ZodType,
  ListShape extends z.ZodRawShape,
> {
  /** Collection path, e.g. `/slots`. */
  path: Path;
  tag: string;
  /** Singular noun for summaries, e.g. `slot`. */
  noun: string;
  idPrefix: string;
  entity: Entity;
  create: Create;
  update: Update;
  /** Filters of the list, beside the page parameters. */
  listQuery: z.ZodObject<ListShape>;
  /** What DELETE does, for the docs. */
  removeSummary?: string;
  descriptions?: { create?: string; list?: string };
}

export function crudRoutes<
  Path extends string,
  Entity extends z.ZodType,
  Create extends z.ZodType,
  Update extends z.ZodType,
  ListShape extends z.ZodRawShape,
>(o: CrudOptions<Path, Entity, Create, Update, ListShape>) {
  const tags = [o.tag];
  const params = IdParam(o.idPrefix, `${o.idPrefix}_01JD3S2Q7ZK4V0X9YB6N5M8T2R`);
  const item = `${o.path}/{id}` as const;
  return {
    create: createRoute({
      method: 'post',
      path: o.path,
      tags,
      security,
      summary: `Create a ${o.noun}`,
      description: o.descriptions?.create,
      request: { body: jsonBody(o.create) },
      responses: { 201: jsonContent(o.entity, 'Created'), ...problems(403, 409, 422) },
    }),
    list: createRoute({
      method: 'get',
      path: o.path,
      tags,
      security,
      summary: `List ${o.noun}s visible to the caller`,
      description: o.descriptions?.list,
      request: { query: PageQuery.extend(o.listQuery.shape) },
      responses: {
        200: jsonContent(pageOf(o.entity, `${o.tag.replace(/\W/g, '')}Page`), 'A page'),
        ...problems(403),
      },
    }),
    get: createRoute({
      method: 'get',
      path: item,
      tags,
      security,
      summary: `Read a ${o.noun}`,
      request: { params },
      responses: { 200: jsonContent(o.entity, `The ${o.noun}`), ...problems(404) },
    }),
    update: createRoute({
      method: 'patch',
      path: item,
      tags,
      security,
      summary: `Update a ${o.noun}`,
      request: { params, body: jsonBody(o.update) },
      responses: { 200: jsonContent(o.entity, 'Updated'), ...problems(403, 404, 409, 422) },
    }),
    remove: createRoute({
      method: 'delete',
      path: item,
      tags,
      security,
      summary: o.removeSummary ?? `Remove a ${o.noun}`,
      request: { params },
      responses: { 204: { description: 'Removed' }, ...problems(403, 404, 409) },
    }),
  };
}
