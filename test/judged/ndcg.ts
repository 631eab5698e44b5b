/** NDCG@k over the judged set: graded relevance from the coach's order (first = highest). */
import { rankSlots } from '../../src/matching';
import { TODAY } from '../matching/fixtures';
import { caseParticipant, type JudgedCase, templates } from './cases';

export function rankedIds(c: JudgedCase): string[] {
  const slots = [...c.expected, ...c.others].map((id) => templates[id]!);
  return rankSlots(slots, caseParticipant(c), { today: TODAY, limit: 50 }).map((m) => m.slotId);
}

export function ndcgAt(k: number, c: JudgedCase): number {
  const rel = (id: string) => {
    const i = c.expected.indexOf(id);
    return i < 0 ? 0 : c.expected.length - i;
  };
  const dcg = (ids: readonly string[]) =>
    ids.slice(0, k).reduce((sum, id, i) => sum + (2 ** rel(id) - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(c.expected);
  return ideal === 0 ? 1 : dcg(rankedIds(c)) / ideal;
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
