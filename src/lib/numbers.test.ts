import { describe, expect, it } from 'vitest';
import { formatNum, pathParts, pick, runKey, runResult, runsStarted } from './numbers.ts';

describe('build-time numbers', () => {
  it('simulates identical runs once and answers from the engine', async () => {
    const run = { preset: 'monolith', seed: 3, requests: 400, mode: 'report' as const };
    const before = runsStarted();
    const [a, b] = await Promise.all([runResult(run), runResult({ ...run })]);
    expect(runsStarted() - before).toBe(1);
    expect(a).toBe(b);
    const p50 = pick(a, 'overall.latencyMs.p50');
    expect(p50.ok && p50.value > 0).toBe(true);
    // The analyses come with the report.
    expect(pick(a, 'deploy.largestLockstep').ok).toBe(true);
    expect(pick(a, 'scorecard.lockstepDeploys.value').ok).toBe(true);
    await runResult({ ...run, seed: 4 });
    expect(runsStarted() - before).toBe(2);
  });

  it('keys runs by source, settings, seed, requests and mode', () => {
    const base = { preset: 'monolith', mode: 'report' as const };
    expect(runKey(base)).toBe(runKey({ ...base, seed: 1 }));
    expect(runKey(base)).not.toBe(runKey({ ...base, seed: 2 }));
    expect(runKey(base)).not.toBe(runKey({ ...base, mode: 'check' }));
    expect(runKey(base)).not.toBe(runKey({ ...base, settings: [{ control: 'load', value: 900 }] }));
  });

  it('shop descriptions and settings reach the model', async () => {
    const light = await runResult({ shop: { cut: 'monolith' }, requests: 400, mode: 'report' });
    const heavy = await runResult({
      shop: { cut: 'monolith' },
      settings: [{ control: 'load', value: 2400 }],
      requests: 400,
      mode: 'report',
    });
    const u = (r: unknown) => {
      const p = pick(r, 'overall.throughputPerSecond');
      return p.ok ? p.value : Number.NaN;
    };
    expect(u(heavy)).toBeGreaterThan(u(light));
  });

  it('refuses an unknown preset, naming the near one', async () => {
    await expect(runResult({ preset: 'monolit', mode: 'report' })).rejects.toThrow(
      /did you mean "monolith"/,
    );
  });

  it('says which step of a path is missing and what is there', () => {
    const root = { endpoints: { browse: { latencyMs: { p50: 12 } }, cart: {} } };
    expect(pick(root, 'endpoints.browse.latencyMs.p50')).toEqual({ ok: true, value: 12 });
    const missing = pick(root, 'endpoints.brows.latencyMs.p50');
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.message).toBe('no "brows" in endpoints; endpoints has browse, cart');
    const object = pick(root, 'endpoints.browse.latencyMs');
    if (!object.ok) expect(object.message).toMatch(/is not a number but an object with p50/);
    expect(object.ok).toBe(false);
  });

  it('formats with sensible rounding', () => {
    expect(formatNum(42.37, 'ms')).toBe('42\u00a0ms');
    expect(formatNum(3.1459, 'ms')).toBe('3.1\u00a0ms');
    expect(formatNum(1234.5, 'ms')).toBe('1,235\u00a0ms');
    expect(formatNum(0.9987, 'percent')).toBe('99.87%');
    expect(formatNum(0.99996, 'percent')).toBe('99.996%');
    expect(formatNum(1, 'percent')).toBe('100%');
    expect(formatNum(0.0, 'percent')).toBe('0%');
    expect(formatNum(3, 'ms')).toBe('3\u00a0ms');
    expect(formatNum(3, 'ms', 1)).toBe('3.0\u00a0ms');
    expect(formatNum(0.0004, 'percent')).toBe('0.04%');
    expect(formatNum(0.25, 'percent')).toBe('25%');
    expect(formatNum(0.2468, 'percent')).toBe('24.7%');
    expect(formatNum(0.25, 'percent', 0)).toBe('25%');
    expect(formatNum(20000, 'count')).toBe('20,000');
    expect(formatNum(1949.6, 'rate')).toBe('1,950\u00a0req/s');
    expect(formatNum(3.456, 'number')).toBe('3.46');
    expect(formatNum(34.56, 'number')).toBe('34.6');
    expect(formatNum(345.6, 'number')).toBe('346');
    expect(formatNum(3.456, 'number', 1)).toBe('3.5');
  });
});

describe('metric paths', () => {
  it('reach keys that hold dots through brackets', () => {
    expect(pathParts('a.b[payments.charge].c')).toEqual(['a', 'b', 'payments.charge', 'c']);
    const report = { sideEffects: { byOperation: { 'payments.charge': { duplicates: 12 } } } };
    expect(pick(report, 'sideEffects.byOperation[payments.charge].duplicates')).toEqual({
      ok: true,
      value: 12,
    });
    expect(pick(report, 'sideEffects.byOperation.payments.charge')).toMatchObject({ ok: false });
  });
});
