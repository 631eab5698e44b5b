/** No one recognisable: suppression at 4 and at 5, in the one place every format goes through. */
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/services/reports/csv';
import { exitsTable } from '../../src/services/reports/outcomes';
import { protect, protectTable } from '../../src/services/reports/protect';
import { col, label, type Report, row, type Table } from '../../src/services/reports/table';

const table = (a: number, b: number): Table => ({
  id: 't',
  title: label('T', 'T'),
  columns: [
    col.people('n', label('Antal', 'Count')),
    col.share('share', label('Andel', 'Share'), 'n', { column: 'n', row: 'total' }),
    col.measure('median', label('Median', 'Median'), 'n', 'days'),
  ],
  rows: [
    row('a', label('A', 'A'), { n: a, median: 12 }),
    row('b', label('B', 'B'), { n: b, median: 30 }),
    row('total', label('Alla', 'All'), { n: a + b, median: 20 }),
  ],
});
const report = (population: number, tables: Table[] = []): Report => ({
  report: 'test',
  title: label('Test', 'Test'),
  scope: { providerId: 'org_x' },
  population,
  generatedAt: '2026-01-01T00:00:00.000Z',
  tables,
});

describe('a whole report', () => {
  it('about 4 people says so instead of figures', () => {
    const r = protect(report(4, [table(2, 2)]));
    expect(r).toMatchObject({ withheld: true, population: '<5', tables: [] });
    expect(r.message?.sv).toContain('färre än 5');
  });

  it('about 5 people is shown', () => {
    const r = protect(report(5, [table(5, 0)]));
    expect(r.withheld).toBe(false);
    expect(r.population).toBe(5);
    expect(r.tables).toHaveLength(1);
  });
});

describe('a count', () => {
  const cells = (t: Table) => Object.fromEntries(protectTable(t).rows.map((r) => [r.key, r.cells]));

  it('of 4 shows "<5", its share and its median are withheld', () => {
    const c = cells(table(4, 20));
    expect(c.a).toEqual({ n: '<5', share: null, median: null });
  });

  it('of 5 shows as 5 with its share and median', () => {
    const c = cells(table(5, 20));
    expect(c.a).toEqual({ n: 5, share: 0.2, median: 12 });
    expect(c.b).toEqual({ n: 20, share: 0.8, median: 30 });
  });

  it('of 0 is under 5 too', () => {
    expect(cells(table(0, 20)).a?.n).toBe('<5');
  });

  it('hidden in a partition takes a second part with it, so subtraction reveals nothing', () => {
    const exits = protectTable(
      exitsTable([...Array(3).fill('studies'), ...Array(30).fill('other'), ...Array(6).fill('job_seeking')]),
    );
    const c = Object.fromEntries(exits.rows.map((r) => [r.key, r.cells.count]));
    // Hidden under 5: unsubsidized (0), subsidized (0), studies (3); none alone can be worked out.
    expect(c).toMatchObject({
      unsubsidized_work: '<5',
      subsidized_work: '<5',
      studies: '<5',
      job_seeking: 6,
      other: 30,
      total: 39,
    });
    // "To work or studies" (3) is under 5 itself; "… or job-seeking" (9) = 39 − 30: shown.
    expect(c.work_or_studies).toBe('<5');
    expect(c.work_studies_or_job_seeking).toBe(9);
  });
});

describe('CSV', () => {
  it('carries exactly the protected figures: BOM, semicolons, decimal comma, "<5" and "–"', () => {
    const partitioned = { ...table(4, 20), partition: { total: 'total', parts: ['a', 'b'] } };
    const csv = reportCsv(protect(report(24, [partitioned])), 'sv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('Rad;Antal;Andel (%);Median (dagar)');
    expect(lines).toContain('A;<5;–;–');
    // The total (24) less B (20) would give A back: B's count is withheld with it.
    expect(lines).toContain('B;–;–;30');
    expect(lines).toContain('Alla;24;100;20');
  });

  it('in English uses commas and points', () => {
    const csv = reportCsv(protect(report(30, [table(10, 20)])), 'en');
    expect(csv).toContain('\r\nA,10,33.3,12\r\n');
  });
});
