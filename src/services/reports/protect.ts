/**
 * No one recognisable: the one place where small counts are hidden. Every report passes through
 * `protect` before it is shown, and JSON, CSV and pages are all made from what it returns, so a figure
 * hidden here is hidden everywhere.
 *
 * - A report about fewer than 5 people is withheld whole: it says so instead of giving figures.
 * - A count of people under 5 (0 included) shows as "<5".
 * - A share is withheld when what it counts is hidden, or when it is taken over fewer than 5 people
 *   (or over a hidden count); a measure (a median, a rate) over fewer than 5 people is withheld.
 * - Subtraction: where rows add up to a shown total (exits by category), one hidden part could be
 *   worked out from the others, so a second part is withheld with it (the smallest); a shown sum of
 *   some parts ("to work or studies") that would single out one hidden part is withheld itself.
 * Withheld figures are `null` in JSON and "–" in CSV and pages.
 */
import type { Cell, Column, Label, Partition, Report, Row, Table } from './table';
import { label } from './table';

/** The smallest count of people shown as a number. */
export const MIN_COUNT = 5;
export const SMALL = '<5';

export type ShownCell = number | string | Label | null;

export interface ProtectedRow {
  key: string;
  label: Label;
  unit?: Row['unit'];
  cells: Record<string, ShownCell>;
}

export interface ProtectedTable extends Omit<Table, 'rows' | 'partition'> {
  rows: ProtectedRow[];
}

export interface ProtectedReport extends Omit<Report, 'population' | 'tables'> {
  population: number | typeof SMALL;
  /** True when the report covers fewer than 5 people: no figures at all. */
  withheld: boolean;
  message?: Label;
  tables: ProtectedTable[];
  notes: Label[];
}

export const protectionNote = label(
  'Antal under 5 personer visas som ”<5”. Andelar och andra tal som skulle avslöja dem visas inte (–).',
  'Counts under 5 people show as “<5”. Shares and other figures that would reveal them are withheld (–).',
);
export const withheldMessage = label(
  'Rapporten gäller färre än 5 personer och visas därför inte: ingen ska kunna kännas igen.',
  'This report covers fewer than 5 people and is therefore not shown: no one may be recognisable.',
);

type Hidden = 'small' | 'protects-another';
const keyOf = (row: string, column: string) => `${row}\u0000${column}`;
const num = (c: Cell | undefined) => (typeof c === 'number' && Number.isFinite(c) ? c : null);

export function protect(report: Report): ProtectedReport {
  const notes = [...(report.notes ?? []), protectionNote];
  if (report.population < MIN_COUNT) {
    const { population: _p, tables: _t, ...rest } = report;
    return { ...rest, population: SMALL, withheld: true, message: withheldMessage, tables: [], notes };
  }
  return { ...report, withheld: false, tables: report.tables.map(protectTable), notes };
}

export function protectTable(t: Table): ProtectedTable {
  const rows = new Map(t.rows.map((r) => [r.key, r]));
  const raw = (row: string, column: string) => num(rows.get(row)?.cells[column]);
  const hidden = new Map<string, Hidden>();
  const people = t.columns.filter((c) => c.kind === 'people');

  for (const c of people)
    for (const r of t.rows) {
      const v = num(r.cells[c.id]);
      if (v !== null && v < MIN_COUNT) hidden.set(keyOf(r.key, c.id), 'small');
    }
  if (t.partition) for (const c of people) guardPartition(t.partition, c.id, raw, hidden);

  const shown = (row: Row, c: Column): ShownCell => {
    const cell = row.cells[c.id] ?? null;
    switch (c.kind) {
      case 'people': {
        const h = hidden.get(keyOf(row.key, c.id));
        return h === 'small' ? SMALL : h ? null : cell;
      }
      case 'share':
        return shareOf(row, c);
      case 'measure': {
        const basis = c.basis ? raw(row.key, c.basis) : null;
        if (c.basis && (basis === null || basis < MIN_COUNT)) return null;
        return cell;
      }
      default:
        return cell;
    }
  };

  function shareOf(row: Row, c: Column): ShownCell {
    if (!c.share) return null;
    const { of, per } = c.share;
    const perRow = per.row ?? row.key;
    const n = raw(row.key, of);
    const d = raw(perRow, per.column);
    if (n === null || d === null || d <= 0) return null;
    if (hidden.has(keyOf(row.key, of)) || hidden.has(keyOf(perRow, per.column))) return null;
    const perColumn = t.columns.find((x) => x.id === per.column);
    if (perColumn?.kind === 'people' && d < MIN_COUNT) return null;
    return Math.round((n / d) * 1000) / 1000;
  }

  const { partition: _p, rows: _r, ...rest } = t;
  return {
    ...rest,
    rows: t.rows.map((r) => ({
      key: r.key,
      label: r.label,
      ...(r.unit ? { unit: r.unit } : {}),
      cells: Object.fromEntries(t.columns.map((c) => [c.id, shown(r, c)])),
    })),
  };
}

/**
 * Keeps hidden parts of a partition from being worked out by subtraction, for one column: while a
 * shown total (or a shown sum, or the total less a shown sum) covers exactly one hidden part, hide the
 * smallest other part of the total, or withhold the sum.
 */
function guardPartition(
  p: Partition,
  column: string,
  raw: (row: string, column: string) => number | null,
  hidden: Map<string, Hidden>,
) {
  const isHidden = (row: string) => hidden.has(keyOf(row, column));
  const parts = p.parts.filter((r) => raw(r, column) !== null);
  for (let changed = true; changed; ) {
    changed = false;
    const totalShown = raw(p.total, column) !== null && !isHidden(p.total);
    if (totalShown && parts.filter(isHidden).length === 1) {
      const next = parts
        .filter((r) => !isHidden(r))
        .sort((a, b) => (raw(a, column) ?? 0) - (raw(b, column) ?? 0))[0];
      if (next) {
        hidden.set(keyOf(next, column), 'protects-another');
        changed = true;
      }
    }
    for (const sum of p.sums ?? []) {
      if (isHidden(sum.row) || raw(sum.row, column) === null) continue;
      const inside = sum.parts.filter((r) => parts.includes(r));
      const outside = parts.filter((r) => !sum.parts.includes(r));
      const reveals =
        inside.filter(isHidden).length === 1 || (totalShown && outside.filter(isHidden).length === 1);
      if (reveals) {
        hidden.set(keyOf(sum.row, column), 'protects-another');
        changed = true;
      }
    }
  }
}
