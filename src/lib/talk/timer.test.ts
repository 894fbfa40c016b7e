import { describe, expect, it } from 'vitest';
import { elapsed, formatElapsed, parseTimer, stoppedTimer, toggleTimer } from './timer.ts';

describe("the notes window's timer", () => {
  it('counts while running and holds while paused', () => {
    const running = toggleTimer(stoppedTimer, 1_000);
    expect(elapsed(running, 61_000)).toBe(60_000);
    const paused = toggleTimer(running, 61_000);
    expect(elapsed(paused, 999_000)).toBe(60_000);
    const again = toggleTimer(paused, 100_000);
    expect(elapsed(again, 130_000)).toBe(90_000);
  });

  it('never runs backwards when the clock does', () => {
    expect(elapsed(toggleTimer(stoppedTimer, 5_000), 1_000)).toBe(0);
  });

  it('shows minutes and seconds, and hours past the hour', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_400)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });

  it('reads a stored timer back, and anything odd as zero', () => {
    const t = toggleTimer(stoppedTimer, 10);
    expect(parseTimer(JSON.stringify(t))).toEqual(t);
    for (const junk of [null, '', '{', '"x"', '{"before":-1}', '{"before":"5"}'])
      expect(parseTimer(junk)).toEqual(stoppedTimer);
  });
});
