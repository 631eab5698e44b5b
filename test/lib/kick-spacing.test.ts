/**
 * The outbox kick's spacing (src/adapters/threads/kick-spacing.ts), on a clock and timers the test
 * moves by hand: soon after a quiet spell, at most every spacing under sustained writes.
 */
import { describe, expect, it } from 'vitest';
import { KICK_AFTER_MS, kickSpacing, PASS_SPACING_MS } from '../../src/adapters/threads/kick-spacing';

/** A clock and its timers, advanced by `advance`. */
function fakeTime() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      timers.push({ at: now + ms, fn });
    },
    /** When the pending timers are due. */
    due: () => timers.map((t) => t.at),
    advance(to: number) {
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > to) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = to;
    },
  };
}

/** A spacing over fake time, and the times its kicks went out. */
function setup(opts: { firstAfterMs?: number; spacingMs?: number } = {}) {
  const time = fakeTime();
  const spacing = kickSpacing({ now: time.now, setTimer: time.setTimer, ...opts });
  const sent: number[] = [];
  const kick = () => spacing.schedule(() => sent.push(time.now()));
  return { time, kick, sent };
}

describe('kick spacing', () => {
  it('sends the first kick KICK_AFTER_MS after the write', () => {
    const { time, kick, sent } = setup();
    time.advance(1000);
    kick();
    expect(time.due()).toEqual([1000 + KICK_AFTER_MS]);
    time.advance(2000);
    expect(sent).toEqual([1000 + KICK_AFTER_MS]);
  });

  it('spaces kicks under sustained writes: the next not before PASS_SPACING_MS after the last', () => {
    const { time, kick, sent } = setup();
    kick();
    time.advance(60);
    kick(); // a write 10 ms after the first kick went out
    expect(time.due()).toEqual([KICK_AFTER_MS + PASS_SPACING_MS]);
    time.advance(PASS_SPACING_MS + 100);
    kick(); // and another right after that one went out
    time.advance(3 * PASS_SPACING_MS);
    expect(sent).toEqual([
      KICK_AFTER_MS,
      KICK_AFTER_MS + PASS_SPACING_MS,
      KICK_AFTER_MS + 2 * PASS_SPACING_MS,
    ]);
  });

  it('takes up a write KICK_AFTER_MS after it again once the last kick is a spacing old', () => {
    const { time, kick, sent } = setup({ firstAfterMs: 50, spacingMs: 500 });
    kick();
    time.advance(100);
    expect(sent).toEqual([50]);
    // 450 ms after the last kick: 50 more reaches the spacing.
    time.advance(500);
    kick();
    expect(time.due()).toEqual([550]);
    // Long quiet: the write is taken up 50 ms after it, not sooner.
    time.advance(10_000);
    kick();
    expect(time.due()).toEqual([10_050]);
    time.advance(20_000);
    expect(sent).toEqual([50, 550, 10_050]);
  });

  it('never sends a kick sooner than firstAfterMs after its write, whatever the spacing', () => {
    const { time, kick, sent } = setup({ firstAfterMs: 50, spacingMs: 20 });
    kick();
    time.advance(55);
    kick();
    time.advance(1000);
    expect(sent).toEqual([50, 105]);
  });
});
