/** A protected report's cells as people read them: "<5", "–" for withheld, percentages, kronor, units. */
import { unitText } from '../../services/reports/csv';
import type { ProtectedReport, ShownCell } from '../../services/reports/protect';
import type { Column, Unit } from '../../services/reports/table';
import type { Catalogue } from '../i18n';
import { inLang } from '../ui/format';

export type ShownTable = ProtectedReport['tables'][number];

const numberFormat = (t: Catalogue, digits: number) =>
  new Intl.NumberFormat(t.lang === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: digits });

export function cellText(v: ShownCell, c: Column, unit: Unit | undefined, t: Catalogue): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (typeof v !== 'number') return inLang(t, v);
  const u = unit ?? c.unit;
  if (c.kind === 'share' || u === 'percent') return `${numberFormat(t, 1).format(v * 100)} %`;
  const figure = numberFormat(t, u === 'kr' ? 0 : 1).format(v);
  if (!u || u === 'people') return figure;
  return `${figure} ${inLang(t, unitText[u])}`;
}
