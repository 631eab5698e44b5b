import type { BatchItem, Db } from './types';

/**
 * Runs statements as one atomic batch. drizzle's `batch` wants a non-empty tuple; a list put
 * together at run time (a loop, a spread that may be empty) is an array, so it is split here.
 */
export async function runBatch(db: Db, items: readonly BatchItem[]) {
  const [first, ...rest] = items;
  if (!first) return [];
  return db.batch([first, ...rest]);
}
