/** A clock a test moves by hand, so events can be recorded on the dates a story needs. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}
