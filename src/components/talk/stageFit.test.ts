import { describe, expect, it } from 'vitest';
import { stageZoom } from './stageFit.ts';

describe('the stage zoom', () => {
  it('fills a wide stage with a short figure', () => {
    expect(stageZoom(1840, 900, 300)).toBeGreaterThan(2);
  });

  it('shrinks a tall figure to fit, but not below what stays legible', () => {
    const tall = stageZoom(1840, 900, 2000);
    expect(tall).toBeGreaterThanOrEqual(1840 / 1100 - 0.01);
    expect(tall).toBeLessThan(stageZoom(1840, 900, 300));
    expect(stageZoom(1000, 560, 2000)).toBe(1);
  });

  it('never zooms out below the figure as designed', () => {
    expect(stageZoom(400, 300, 900)).toBe(1);
  });
});
