/**
 * The one shape every report takes before it is shown: titled tables of labelled rows and typed
 * columns. Reports build these from recorded events (raw figures); `protect` (protect.ts) turns them
 * into what anyone sees, so JSON, CSV and pages all show the same protected figures.
 */

/** Every text a person reads, Swedish first. */
export interface Label {
  sv: string;
  en: string;
}

/**
 * - `people`: a count of people; under 5 it shows as "<5" (and may be withheld to protect another).
 * - `count`: a count of things (slots, places, contacts) the viewer can list anyway; shown as is.
 * - `share`: computed by `protect` from a people or count column over a denominator; withheld when
 *   either side is suppressed or the denominator is under 5.
 * - `measure`: a median, mean or rate over the people in its `basis` column; withheld under 5.
 * - `number`: a plain figure (a threshold, an amount of money, an input); `text`: words.
 */
export type ColumnKind = 'people' | 'count' | 'share' | 'measure' | 'number' | 'text';

export type Unit = 'days' | 'kr' | 'percent' | 'hours' | 'per_week' | 'months' | 'ratio' | 'people';

export interface Column {
  id: string;
  label: Label;
  kind: ColumnKind;
  unit?: Unit;
  /** For a share: the column counted, over a column of this row or of another row (the total). */
  share?: { of: string; per: { column: string; row?: string } };
  /** For a measure: the people column holding how many it is computed over. */
  basis?: string;
}

/** A figure, a word, or words in both languages (a verdict, how an item is computed). */
export type Cell = number | string | Label | null;

export interface Row {
  key: string;
  label: Label;
  cells: Record<string, Cell>;
  /** Overrides the unit of measure and number columns in this row (a table of mixed figures). */
  unit?: Unit;
}

/**
 * Rows whose people cells add up to the `total` row's, column by column (exits by category), and rows
 * that are sums of some of them. With the total shown, one suppressed part could be worked out by
 * subtraction; `protect` suppresses a second one, or withholds the sum row that would reveal it.
 */
export interface Partition {
  total: string;
  parts: string[];
  sums?: { row: string; parts: string[] }[];
}

export interface Chart {
  /** Horizontal bars of one column, one bar per row (rows listed in `rows`, or all but the total). */
  kind: 'bars';
  value: string;
  rows?: string[];
  /** A column holding each row's threshold, drawn as a mark on the bar (fidelity). */
  threshold?: string;
}

export interface Table {
  id: string;
  title: Label;
  /** How the figures are computed, in words. */
  description?: Label;
  columns: Column[];
  rows: Row[];
  partition?: Partition;
  chart?: Chart;
}

export interface ReportScope {
  providerId: string;
  handlerId?: string;
  municipalityCode?: string;
}

export interface Report {
  report: string;
  title: Label;
  period?: { from: string; to: string };
  scope: ReportScope;
  /** How many people the report is about; under 5 the whole report is withheld. */
  population: number;
  generatedAt: string;
  tables: Table[];
  notes?: Label[];
}

export const label = (sv: string, en: string): Label => ({ sv, en });

/** Column builders, so report files read as what they show. */
export const col = {
  people: (id: string, l: Label): Column => ({ id, label: l, kind: 'people' }),
  count: (id: string, l: Label, unit?: Unit): Column => ({ id, label: l, kind: 'count', unit }),
  share: (id: string, l: Label, of: string, per: { column: string; row?: string }): Column => ({
    id,
    label: l,
    kind: 'share',
    share: { of, per },
  }),
  measure: (id: string, l: Label, basis: string, unit?: Unit): Column => ({
    id,
    label: l,
    kind: 'measure',
    basis,
    unit,
  }),
  number: (id: string, l: Label, unit?: Unit): Column => ({ id, label: l, kind: 'number', unit }),
  text: (id: string, l: Label): Column => ({ id, label: l, kind: 'text' }),
};

export const row = (key: string, l: Label, cells: Record<string, Cell>, unit?: Unit): Row => ({
  key,
  label: l,
  cells,
  ...(unit ? { unit } : {}),
});
