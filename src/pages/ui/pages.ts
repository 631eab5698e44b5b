/** Reading every page of a service's list (up to a bound), for pages that show a whole list. */
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` until the list ends or `max` items are read. */
export async function readAll<T>(list: (cursor?: string) => Promise<Page<T>>, max = 1000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}
