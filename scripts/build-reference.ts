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

const read = (name: string) => parseCsv(readFileSync(join(refDir, name), 'utf8'));

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

const ssyk = read('ssyk2012-unit-groups.csv').map((s) => ({ code: s.ssyk2012_code!, label: s.label_sv! }));

writeFileSync(join(outDir, 'municipalities.json'), `${JSON.stringify(municipalities)}\n`);
writeFileSync(join(outDir, 'ssyk2012.json'), `${JSON.stringify(ssyk)}\n`);
console.log(`municipalities: ${municipalities.length}, ssyk unit groups: ${ssyk.length}`);
