/**
 * Turns the CSV reference data in db/reference/ into compact JSON modules under src/reference/data/,
 * so that both Node and the Workers bundle can import them without file-system access.
 * Run after updating the CSVs: `npx tsx scripts/build-reference.ts`. The output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const refDir = join(import.meta.dirname, '..', 'db', 'reference');
const outDir = join(import.meta.dirname, '..', 'src', 'reference', 'data');

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export const read = (name: string) => parseCsv(readFileSync(join(refDir, name), 'utf8'));

// localities.csv spells a few municipalities differently, and lacks six around Stockholm.
const localityAliases: Record<string, string> = {
  Falu: 'Falun',
  Grum: 'Grums',
  'Skinnskattebergs k.': 'Skinnskatteberg',
  Torså: 'Torsås',
  Tranå: 'Tranås',
};
const knownSeats: Record<string, [number, number]> = {
  Järfälla: [59.4233, 17.8353],
  Salem: [59.2006, 17.7683],
  Sollentuna: [59.428, 17.9507],
  Solna: [59.3599, 18.0009],
  Sundbyberg: [59.3614, 17.9718],
  Tyresö: [59.2442, 18.2289],
};

if (process.argv[1]?.endsWith('build-reference.ts')) build();

function build() {
  const counties = new Map(read('counties.csv').map((c) => [c.county_code, c.county_name]));
  const localities = read('localities.csv');
  const byMunicipality = new Map<string, { name: string; lat: number; lon: number }[]>();
  for (const l of localities) {
    const m = localityAliases[l.Municipality!] ?? l.Municipality!;
    const list = byMunicipality.get(m) ?? [];
    list.push({ name: l.Locality!, lat: Number(l.Latitude), lon: Number(l.Longitude) });
    byMunicipality.set(m, list);
  }

  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const municipalities = read('municipalities.csv').map((m) => {
    const short = m.municipality_name_short!;
    const places = byMunicipality.get(short) ?? [];
    // The seat (a locality named like the municipality) is a better centre than the mean of all places.
    const seat = places.find((p) => p.name === short);
    let at = knownSeats[short];
    if (!at && seat) at = [seat.lat, seat.lon];
    // Otherwise the median, which ignores the odd misplaced locality in the source.
    if (!at && places.length) at = [median(places.map((p) => p.lat)), median(places.map((p) => p.lon))];
    if (!at) throw new Error(`no coordinates for municipality ${short}`);
    return {
      code: m.municipality_code!,
      name: short,
      county: counties.get(m.county_code!) ?? m.county_code!,
      lat: round(at[0]),
      lon: round(at[1]),
    };
  });

  // SCB's 429 unit groups: JobTech's list (400) without the 25 manager groups it merges across levels
  // (1210 = 1211 + 1212, …), plus SCB's own codes for those and four groups JobTech lacks. The merged
  // codes stay valid (slots and occupation names use them) but are marked `scb: false`.
  const additions = read('ssyk2012-scb-additions.csv');
  const merged = new Set(additions.map((a) => a.jobtech_aggregate).filter(Boolean));
  const ssyk = [
    ...read('ssyk2012-unit-groups.csv').map((s) => ({
      code: s.ssyk2012_code!,
      label: s.label_sv!,
      scb: !merged.has(s.ssyk2012_code!),
    })),
    ...additions.map((a) => ({ code: a.ssyk2012_code!, label: a.label_sv!, scb: true })),
  ].sort((a, b) => (a.code < b.code ? -1 : 1));
  const known = new Set(ssyk.map((s) => s.code));
  // Occupation names with their unit group: [name, code]; the 167 names without a group are left out.
  const occupations = read('occupation-names-ssyk2012.csv')
    .filter((o) => known.has(o.ssyk2012_code!))
    .map((o) => [o.occupation_name_sv!, o.ssyk2012_code!]);

  writeFileSync(join(outDir, 'municipalities.json'), `${JSON.stringify(municipalities)}\n`);
  writeFileSync(join(outDir, 'ssyk2012.json'), `${JSON.stringify(ssyk)}\n`);
  writeFileSync(join(outDir, 'occupations.json'), `${JSON.stringify(occupations)}\n`);
  console.log(
    `municipalities: ${municipalities.length}, ssyk unit groups: ${ssyk.filter((s) => s.scb).length} (SCB) + ${merged.size} merged, occupation names: ${occupations.length}`,
  );
}
