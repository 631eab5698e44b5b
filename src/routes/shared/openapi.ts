import type { Hook } from '@hono/zod-openapi';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env';
import { fieldErrors, problem, problemResponse } from '../../lib/problem';

const targetPrefix: Record<string, string | undefined> = { json: undefined, query: 'query', param: 'path' };

/** Every validation failure becomes the same 400 problem document, listing each bad field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const errors = fieldErrors(result.error.issues, targetPrefix[result.target]);
  return problemResponse(c, problem(400, 'The request has invalid fields; see `errors`.', errors));
};

export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation' }),
    title: z.string().openapi({ example: 'Invalid request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string(),
    requestId: z.string().openapi({
      description:
        'The request’s id (extension member): the same as the answer’s `x-request-id` header and the `requestId` of the request’s log line. Quote it when reporting an error.',
      example: '3f6c2a1e-7b4d-4c8e-9a51-0d2f6b8e4c17',
    }),
    errors: z
      .array(z.object({ path: z.string().openapi({ example: 'schedule.0.end' }), message: z.string() }))
      .optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details; the one error shape of this API.' });

const problemDescriptions: Record<number, string> = {
  400: 'Invalid input: see `errors` for each field',
  401: 'Missing or unknown API key',
  403: 'The caller may not do this',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  422: 'Refers to something that does not exist or does not fit',
};

/** The problem responses a route can give, for the OpenAPI document. */
export function problems(...statuses: (keyof typeof problemDescriptions)[]) {
  return Object.fromEntries(
    [...new Set([400, 401, ...statuses])].map((s) => [
      s,
      {
        description: problemDescriptions[s]!,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .openapi({ description: 'Pass as `cursor` to get the next page; null on the last page.' }),
    })
    .openapi(name);

export const IdParam = (prefix: string, example: string) =>
  z.object({
    id: z
      .string()
      .regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `must be an id starting with ${prefix}_`)
      .openapi({ param: { name: 'id', in: 'path' }, example }),
  });

export const security = [{ bearerAuth: [] }];
