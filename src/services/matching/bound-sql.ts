/**
 * An upper bound on a candidate's score as an SQL expression over its narrow columns, so SQL can
 * return a participant's candidates best bound first, a page at a time, instead of all of them:
 * a heavy participant (50 km around Stockholm) has about 20,000 candidates, of which a few hundred
 * at most have a bound that can reach the top 20, and D1 spends more time building and sending
 * 20,000 rows than reading them.
 *
 * It is the engine's bound (src/matching/bound.ts) term for term, from the same constants, but for
 * the distance: SQL has no square roots or sines (libSQL is built without them), so the distance
 * term takes the north–south distance alone, which no great-circle distance is shorter than. So it
 * is never below the engine's bound (a test checks it on random slots), and every candidate SQL
 * leaves out has a bound at most the last one returned.
 */
import { type SQL, sql } from 'drizzle-orm';
import { slots } from '../../../db/schema';
import { levels } from '../../domain/vocabulary';
import { SCORE_WEIGHTS } from '../../matching';
import type { BoundConstants } from '../../matching/bound';
import {
  CAN_ARRANGE_CREDIT,
  FIXED_LENGTH_CAP,
  HIRE_SHARE,
  LONG_TERM_WEEKS,
} from '../../matching/score-rules';
import { EARTH_RADIUS_KM } from '../../matching/sphere';

/** A number as an SQL literal that SQLite reads as a real (integer literals would divide as integers). */
const real = (x: number) => (Number.isInteger(x) ? `${x}.0` : String(x));

/** Kilometres per degree of latitude, a shade under, so rounding never makes the distance longer. */
const KM_PER_DEGREE_BELOW = ((EARTH_RADIUS_KM * Math.PI) / 180) * (1 - 1e-9);
/** julianday('1970-01-01'): julianday(d) less this is the engine's day number (dates.ts). */
const UNIX_EPOCH_JULIAN_DAY = 2440587.5;
/** Above any difference between SQLite's and JavaScript's rounding of the same sums. */
const SQL_MARGIN = 1e-9;

/** CASE over small integers 0..n-1 giving values[i]; anything else gives the largest value. */
function table(key: string, values: readonly number[]): string {
  const whens = values.map((v, i) => `WHEN ${i} THEN ${real(v)}`).join(' ');
  return `CASE ${key} ${whens} ELSE ${real(Math.max(...values))} END`;
}

const rank = (column: string) =>
  `CASE ${column} ${levels.map((l, i) => `WHEN '${l}' THEN ${i}`).join(' ')} END`;

/**
 * The bound of a candidate as SQL, over the columns of the narrow statement's inner query (named
 * as in `slots`, qualified by `from`, and `trained_supervisor`, 1 when one of them has had the
 * training) and `textMatches`, the lists met (NULL: unknown). Never NULL:
 * anything SQL cannot read gives a bound above every score, so the row comes first.
 */
export function boundExpression(c: BoundConstants, from: string, textMatches: string): SQL {
  const col = (column: { name: string }) => `${from}."${column.name}"`;
  const w = SCORE_WEIGHTS;
  const text = table(textMatches, c.textByMatches);
  // Per wanted bit: 1 when offered, less the rest of the credit when only arrangeable (bound.ts).
  const bits: string[] = [];
  for (let b = 0; b < 31; b++)
    if (c.niceMask & (1 << b))
      bits.push(
        `((${col(slots.adaptationMask)} >> ${b}) & 1) - ${real(1 - CAN_ARRANGE_CREDIT)} * ((${col(slots.adaptationArrangeMask)} >> ${b}) & 1)`,
      );
  const adaptations = c.niceCount > 0 ? `(${bits.join(' + ')}) * ${real(1 / c.niceCount)}` : '1.0';
  const day = (column: string) => `(julianday(${column}) - ${real(UNIX_EPOCH_JULIAN_DAY)})`;
  const weeks = `max(0.0, (${day(col(slots.endDate))} - max(${real(c.todayDay)}, ${day(col(slots.startDate))})) / 7.0)`;
  const length = `CASE WHEN ${col(slots.openEnded)} = 1 OR ${col(slots.endDate)} IS NULL THEN 1.0
    ELSE ${real(FIXED_LENGTH_CAP)} * min(1.0, ${weeks} / ${real(LONG_TERM_WEEKS)}) END`;
  const duration = `(${real(1 - HIRE_SHARE)} * (${length}) + ${real(HIRE_SHARE)} * ${col(slots.leadsToHire)})`;
  const environment = table(
    `(3 * ${rank(col(slots.socialIntensity))} + ${rank(col(slots.physicalDemand))})`,
    c.environmentByLevels,
  );
  const reach =
    c.hoursTarget <= c.hoursNow
      ? '1.0'
      : `max(0.0, min(1.0, (min(${col(slots.hoursMax)}, ${real(c.mostAvailableHours)}) - ${real(c.hoursNow)}) / ${real(c.hoursTarget - c.hoursNow)}))`;
  const growth = c.hasSteps ? `(0.5 * ${reach} + 0.5)` : reach;
  const distance =
    c.maxTravelKm > 0
      ? `max(0.0, 1.0 - abs(${col(slots.lat)} - ${real(c.lat)}) * ${real(KM_PER_DEGREE_BELOW / c.maxTravelKm)})`
      : '1.0';
  const sum = [
    `${real(w.text)} * (${text})`,
    `${real(w.adaptations)} * (${adaptations})`,
    `${real(w.duration)} * ${duration}`,
    `${real(w.environment)} * (${environment})`,
    `${real(w.supervisor)} * ${from}."trained_supervisor"`,
    `${real(w.distance)} * ${distance}`,
    `${real(w.growth)} * ${growth}`,
    real(c.margin + SQL_MARGIN),
  ].join(' + ');
  return sql.raw(`coalesce(${sum}, 9.0)`);
}
