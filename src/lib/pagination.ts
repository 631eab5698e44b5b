import { z } from '@hono/zod-openapi';
import { badRequest } from './problem';

/** The page parameters of every list: its size and the previous page's cursor. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: 'Page size, 1–100.' }),
  cursor: z.string().max(200).optional().openapi({ description: 'From the previous page’s `nextCursor`.' }),
});
export type PageQuery = z.infer<typeof PageQuery>;

/**
 * Cursor pagination over sortable ids: lists are ordered by id (creation order), and the cursor is
 * the last id of the page, opaque to clients (base64url). Stable under inserts: new rows appear at
 * the end and never shift a page.
 */
export function encodeCursor(lastId: string): string {
  return btoa(lastId).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const id = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    if (/^[a-z]{3}_[0-9A-Z]{26}$/.test(id)) return id;
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is not one this API gave out.', [
    { path: 'query.cursor', message: 'is invalid' },
  ]);
}

/** Fetch limit + 1 rows; the extra one tells whether there is a next page. */
export function toPage<T extends { id: string }>(rows: T[], limit: number) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, nextCursor: hasMore ? encodeCursor(data[data.length - 1]!.id) : null };
}

/** Runs one page of a list: `fetch` gets the id to start after and how many rows to take. */
export async function listPage<T extends { id: string }>(
  q: PageQuery,
  fetch: (after: string | undefined, take: number) => Promise<T[]>,
) {
  return toPage(await fetch(decodeCursor(q.cursor), q.limit + 1), q.limit);
}
