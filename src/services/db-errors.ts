import { errorText } from '../lib/faults';
import { conflict } from '../lib/problem';

export const isUniqueViolation = (err: unknown, index?: string) => {
  const m = errorText(err);
  return /UNIQUE constraint failed/i.test(m) && (!index || m.includes(index));
};

export const isCheckViolation = (err: unknown, name?: string) => {
  const m = errorText(err);
  return /CHECK constraint failed/i.test(m) && (!name || m.includes(name));
};

/**
 * Runs a write and turns constraint violations the caller expects into 409 problems. Anything else
 * is a real fault and propagates.
 */
export async function mapConstraints<T>(
  write: () => Promise<T>,
  cases: { unique?: Record<string, string>; check?: Record<string, string> },
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    for (const [index, detail] of Object.entries(cases.unique ?? {}))
      if (isUniqueViolation(err, index)) throw conflict(detail);
    for (const [name, detail] of Object.entries(cases.check ?? {}))
      if (isCheckViolation(err, name)) throw conflict(detail);
    throw err;
  }
}
