import { describe, expect, it } from 'vitest';
import { describeDuration, MAX_DURATION_MS, parseDuration, parseShare } from './units.ts';

const ok = (value: number) => ({ ok: true, value });

describe('parseDuration', () => {
  it('reads every unit of the spec and bare milliseconds', () => {
    expect(parseDuration('250ms')).toEqual(ok(250));
    expect(parseDuration('2s')).toEqual(ok(2000));
    expect(parseDuration('5m')).toEqual(ok(300_000));
    expect(parseDuration('1h')).toEqual(ok(3_600_000));
    expect(parseDuration('1d')).toEqual(ok(86_400_000));
    expect(parseDuration(12.5)).toEqual(ok(12.5));
    expect(parseDuration('0.5ms')).toEqual(ok(0.5));
    expect(parseDuration('1.5 s')).toEqual(ok(1500));
  });

  it('says what was found and what a duration looks like', () => {
    expect(parseDuration('5 sec')).toEqual({
      ok: false,
      message:
        'found "5 sec"; expected a duration such as 250ms, 2s, 5m, 1h, 1d or a number of milliseconds',
    });
    expect(parseDuration('250')).toMatchObject({
      ok: false,
      message: expect.stringContaining('(add a unit, e.g. 250ms)'),
    });
    expect(parseDuration(true)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^found true;/),
    });
  });

  it('refuses negative, non-finite and absurd durations', () => {
    expect(parseDuration(-5)).toEqual({
      ok: false,
      message: 'found -5; a duration cannot be negative',
    });
    expect(parseDuration('-5ms')).toEqual({
      ok: false,
      message: 'found "-5ms"; a duration cannot be negative',
    });
    expect(parseDuration(Number.NaN)).toEqual({
      ok: false,
      message: 'found .nan; expected a finite duration',
    });
    expect(parseDuration(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
    expect(parseDuration(1e308)).toEqual({
      ok: false,
      message: 'found 1e+308; expected at most 30d (2,592,000,000 ms)',
    });
    expect(parseDuration('31d')).toMatchObject({ ok: false });
    expect(parseDuration('30d')).toEqual(ok(MAX_DURATION_MS));
    expect(parseDuration('2s', { max: 1000 })).toMatchObject({
      ok: false,
      message: 'found "2s"; expected at most 1s (1,000 ms)',
    });
  });
});

describe('parseShare', () => {
  it('reads numbers in [0, 1] and percentages', () => {
    expect(parseShare(0.5)).toEqual(ok(0.5));
    expect(parseShare('50%')).toEqual(ok(0.5));
    expect(parseShare('0.1%')).toEqual(ok(0.001));
    expect(parseShare(0)).toEqual(ok(0));
    expect(parseShare('100%')).toEqual(ok(1));
  });

  it('refuses values outside [0, 1] with the accepted forms', () => {
    const expected = 'expected a share: a number from 0 to 1 or a percentage such as 50% or 0.1%';
    expect(parseShare(1.5)).toEqual({ ok: false, message: `found 1.5; ${expected}` });
    expect(parseShare('150%')).toEqual({ ok: false, message: `found "150%"; ${expected}` });
    expect(parseShare(-0.1)).toMatchObject({ ok: false });
    expect(parseShare(Number.NaN)).toMatchObject({ ok: false });
    expect(parseShare('half')).toMatchObject({ ok: false });
  });
});

describe('describeDuration', () => {
  it('uses the largest whole unit', () => {
    expect(describeDuration(MAX_DURATION_MS)).toBe('30d');
    expect(describeDuration(600_000)).toBe('10m');
    expect(describeDuration(1500)).toBe('1500ms');
  });
});
