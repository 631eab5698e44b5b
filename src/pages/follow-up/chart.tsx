/**
 * A report table's chart as server-rendered SVG bars: one bar per row with its label and figure
 * beside it in text, and the threshold (fidelity) as a mark on the bar and in words, so nothing is
 * told by colour alone. Bar lengths are SVG attributes, not inline styles (strict CSP); colours come
 * from the stylesheet. The SVG is decoration (aria-hidden): the figures are in the text beside it.
 */
import type { Catalogue } from '../i18n';
import { inLang } from '../ui/format';
import { cellText, type ShownTable } from './cells';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function Chart(props: { table: ShownTable; t: Catalogue }) {
  const { table, t } = props;
  const chart = table.chart;
  if (!chart) return null;
  const column = table.columns.find((c) => c.id === chart.value);
  if (!column) return null;
  const keys = chart.rows ?? table.rows.filter((r) => r.key !== 'total').map((r) => r.key);
  const rows = keys.flatMap((k) => table.rows.filter((r) => r.key === k));
  if (rows.length === 0) return null;
  const thresholdOf = (r: (typeof rows)[number]) => (chart.threshold ? num(r.cells[chart.threshold]) : null);
  const common =
    column.kind === 'share' ? 1 : Math.max(1e-9, ...rows.map((r) => num(r.cells[chart.value]) ?? 0));
  const meets = table.columns.find((c) => c.id === 'meets');
  return (
    <figure class="chart">
      <figcaption>{t.followUp.chartOf(inLang(t, table.title))}</figcaption>
      <ul class="bars">
        {rows.map((r) => {
          const v = num(r.cells[chart.value]);
          const threshold = thresholdOf(r);
          // With a threshold each row has its own scale (the items' units differ): the larger of the
          // figure and the threshold is 80 % of the track.
          const scale = threshold !== null ? Math.max(v ?? 0, threshold) / 0.8 || 1 : common;
          const width = v === null ? 0 : Math.min(100, (v / scale) * 100);
          const mark = threshold === null ? null : Math.min(100, (threshold / scale) * 100);
          const verdict = meets ? r.cells[meets.id] : null;
          return (
            <li>
              <span class="bar-label">{inLang(t, r.label)}</span>
              <span class="bar-track">
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect class="bar-fill" x="0" y="1" width={width.toFixed(2)} height="8" />
                  {mark !== null && (
                    <line class="bar-threshold" x1={mark.toFixed(2)} x2={mark.toFixed(2)} y1="0" y2="10" />
                  )}
                </svg>
              </span>
              <span class="bar-value">
                {cellText(r.cells[chart.value] ?? null, column, r.unit, t)}
                {threshold !== null && ` · ${t.followUp.threshold} ${cellText(threshold, column, r.unit, t)}`}
                {verdict !== null && verdict !== undefined && ` · ${cellText(verdict, meets!, r.unit, t)}`}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
