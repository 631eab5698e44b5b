/**
 * A protected report as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads å, ä and ö),
 * CRLF lines, one block per table (title, header, rows) with a blank line between. In Swedish the
 * separator is a semicolon and decimals take a comma, as Swedish Excel expects; in English, a comma
 * and a point. Withheld figures are "–", small counts "<5"; shares are percentages.
 */
import type { ProtectedReport, ProtectedTable, ShownCell } from './protect';
import type { Column, Label, Unit } from './table';

export type Lang = 'sv' | 'en';

export const unitText: Record<Unit, Label> = {
  days: { sv: 'dagar', en: 'days' },
  kr: { sv: 'kr', en: 'SEK' },
  percent: { sv: '%', en: '%' },
  hours: { sv: 'timmar', en: 'hours' },
  per_week: { sv: 'per vecka', en: 'per week' },
  months: { sv: 'månader', en: 'months' },
  ratio: { sv: 'kvot', en: 'ratio' },
  people: { sv: 'personer', en: 'people' },
};

export const BOM = '\uFEFF';

function header(c: Column, lang: Lang) {
  const unit = c.kind === 'share' ? '%' : c.unit ? unitText[c.unit][lang] : '';
  return unit ? `${c.label[lang]} (${unit})` : c.label[lang];
}

export function formatNumber(n: number, lang: Lang, decimals = 1) {
  const rounded = Math.round(n * 10 ** decimals) / 10 ** decimals;
  const text = String(rounded);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

function cellText(v: ShownCell, c: Column, lang: Lang, unit: Unit | undefined): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (typeof v !== 'number') return v[lang];
  if (c.kind === 'share' || (unit ?? c.unit) === 'percent') return formatNumber(v * 100, lang);
  return formatNumber(v, lang, 2);
}

function csvField(field: string, sep: string) {
  // A text field that a spreadsheet would run as a formula is written as text.
  const safe = /^[=+\-@\t]/.test(field) && !/^-?\d/.test(field) ? `'${field}` : field;
  return /["\r\n]/.test(safe) || safe.includes(sep) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function tableLines(t: ProtectedTable, lang: Lang): string[][] {
  const rowHeader = lang === 'sv' ? 'Rad' : 'Row';
  return [
    [t.title[lang]],
    [rowHeader, ...t.columns.map((c) => header(c, lang))],
    ...t.rows.map((r) => [
      r.label[lang],
      ...t.columns.map((c) => cellText(r.cells[c.id] ?? null, c, lang, r.unit)),
    ]),
    [],
  ];
}

export function reportCsv(r: ProtectedReport, lang: Lang): string {
  const sep = lang === 'sv' ? ';' : ',';
  const lines: string[][] = [[r.title[lang]]];
  if (r.period) lines.push([lang === 'sv' ? 'Period' : 'Period', r.period.from, r.period.to]);
  lines.push([lang === 'sv' ? 'Antal personer' : 'People', String(r.population)]);
  if (r.message) lines.push([r.message[lang]]);
  lines.push([]);
  for (const t of r.tables) lines.push(...tableLines(t, lang));
  for (const n of r.notes) lines.push([n[lang]]);
  return BOM + lines.map((l) => l.map((f) => csvField(f, sep)).join(sep)).join('\r\n') + '\r\n';
}

/** Plain rows with a header (the SUS export) as CSV, in the same dialect. */
export function rowsCsv(headers: string[], rows: (string | null)[][], lang: Lang): string {
  const sep = lang === 'sv' ? ';' : ',';
  const lines = [headers, ...rows.map((r) => r.map((f) => f ?? ''))];
  return BOM + lines.map((l) => l.map((f) => csvField(f, sep)).join(sep)).join('\r\n') + '\r\n';
}
