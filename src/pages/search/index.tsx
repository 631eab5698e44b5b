/**
 * `/search`: the slot search for handlers (a GET form, so every search is a link that can be kept
 * and paged): free text, facets with their counts (occupation area, kind, municipality,
 * adaptations), distance from a participant or a municipality, filters and paging. It calls the
 * search service with the API's own query schema (SearchQuerySchema), never the HTTP API. The
 * daily digest's "all open slots" link lands here.
 */
import { type Context, Hono } from 'hono';
import { municipalityByCode } from '../../reference';
import { SearchQuerySchema, toSearchQuery } from '../../search/query';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { readAll } from '../ui/pages';
import { type FieldErrors, fieldErrors } from '../ui/validate';
import { capacityPagesRouter } from './capacity';
import { type DistanceFrom, searchPage } from './view';

/** The query's values by name; a name given more than once (checkboxes) keeps every value. */
function queryValues(c: Context<PageEnv>) {
  const url = new URL(c.req.url);
  const all = (name: string) =>
    url.searchParams
      .getAll(name)
      .map((v) => v.trim())
      .filter(Boolean);
  return { get: (name: string) => all(name)[0] ?? '', all, has: (name: string) => all(name).length > 0, url };
}
export type QueryValues = ReturnType<typeof queryValues>;

/** The active participants a distance can be measured from (own first). */
async function caseload(c: Context<PageEnv>) {
  const { actor } = signedIn(c);
  if (actor.organizationKind !== 'provider') return [];
  const list = await readAll(
    (cursor) => c.var.services.participants.list(actor, { status: 'active', limit: 100, cursor }),
    300,
  );
  return [
    ...list.filter((p) => p.handlerId === actor.userId),
    ...list.filter((p) => p.handlerId !== actor.userId),
  ];
}

/** The point to measure from: a participant's location, or the chosen municipality's seat. */
function pointFor(v: QueryValues, people: Awaited<ReturnType<typeof caseload>>): DistanceFrom {
  const from = v.get('from');
  if (from === 'municipality') {
    const m = municipalityByCode.get(v.all('municipalityCode')[0] ?? '');
    return m ? { kind: 'municipality', near: `${m.lat},${m.lon}` } : { kind: 'missing' };
  }
  const p = people.find((x) => x.id === from);
  if (p && p.location.lat !== null && p.location.lon !== null)
    return { kind: 'participant', participant: p, near: `${p.location.lat},${p.location.lon}` };
  return { kind: from ? 'missing' : 'none' };
}

export const searchRouter = new Hono<PageEnv>()
  .route('/', capacityPagesRouter)
  .use('/search', requireSignIn)
  .get('/search', async (c) => {
    const v = queryValues(c);
    const people = await caseload(c);
    const from = pointFor(v, people);
    const joined = (name: string) => (v.has(name) ? v.all(name).join(',') : undefined);
    const raw = {
      q: v.get('q') || undefined,
      majorGroup: joined('majorGroup'),
      ssyk: joined('ssyk'),
      listing: joined('listing'),
      kind: joined('kind'),
      municipalityCode: joined('municipalityCode'),
      adaptations: joined('adaptations'),
      hours: v.get('hours') || undefined,
      leadsToHire: v.has('leadsToHire') ? 'true' : undefined,
      includeFull: v.has('includeFull') ? 'true' : undefined,
      near: 'near' in from ? from.near : undefined,
      radiusKm: 'near' in from ? v.get('radiusKm') || undefined : undefined,
      sort: v.get('sort') || undefined,
      cursor: v.get('cursor') || undefined,
      limit: '20',
    };
    let errors: FieldErrors = {};
    if (from.kind === 'missing') errors.from = c.var.t.search.needsPlace;
    const parsed = SearchQuerySchema.safeParse(raw);
    if (!parsed.success) errors = { ...errors, ...fieldErrors(parsed.error, c.var.t) };
    if (errors.near) {
      errors.from ??= errors.near;
      delete errors.near;
    }
    const built = parsed.success ? toSearchQuery(parsed.data) : null;
    if (built && 'errors' in built)
      for (const e of built.errors) errors[e.path.replace(/^query\./, '')] ??= c.var.t.validation.invalid;
    const query = built && 'query' in built && Object.keys(errors).length === 0 ? built.query : null;
    const result = query ? await c.var.services.search.search(signedIn(c).actor, query) : null;
    return searchPage(c, { values: v, people, from, result, errors, offset: query?.offset ?? 0 });
  });
