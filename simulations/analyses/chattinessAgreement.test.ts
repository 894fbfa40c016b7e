/**
 * Chattiness has one definition and one number: `simulate` (the report with its analyses) and
 * `check` show the same value and verdict on every preset, faults and retries notwithstanding
 * (retry-storm once read 15.4 `bad` in one and 2.0 `ok` in the other).
 */
import { describe, expect, it } from 'vitest';
import { presetNames } from '../presets/index.ts';
import { simulateWithAnalyses } from '../withAnalyses.ts';
import { check } from './check.ts';
import { presetModel } from './testing/presetModels.ts';

describe('chattiness agrees between simulate and check', () => {
  it.each(presetNames)('%s', async (name) => {
    const model = presetModel(name);
    const simulated = await simulateWithAnalyses(model, { requests: 400 });
    // A short budget: check's own runs end early, which must not move the number either.
    const checked = await check(model, { requests: 100, budgetMs: 500 });
    const fromSimulate = simulated.scorecard?.chattiness;
    const fromCheck = checked.analyses.scorecard.chattiness;
    expect(fromSimulate).toBeDefined();
    expect(fromCheck.value).toBe(fromSimulate?.value);
    expect(fromCheck.verdict).toBe(fromSimulate?.verdict);
    expect(fromCheck.why).toBe(fromSimulate?.why);
  });
});
