import { describe, expect, it } from 'vitest';
import { stageZoom } from './stageFit.ts';

describe('the stage zoom', () => {
  it('fills a wide stage with a short figure, up to a cap', () => {
    expect(stageZoom(1840, 900, 300, 800)).toBeGreaterThan(2);
    expect(stageZoom(1840, 900, 100, 400)).toBe(2.4);
  });

  it('fits a tall figure into the height, so nothing scrolls', () => {
    const zoom = stageZoom(1216, 613, 450, 736);
    expect(zoom * 450).toBeLessThanOrEqual(613);
    expect(zoom).toBeGreaterThan(1.3);
  });

  it('stops where the layout would get narrower than a chart can be drawn', () => {
    expect(stageZoom(1216, 900, 300, 736)).toBe(Math.floor((1216 / 736) * 100) / 100);
  });

  it('never shrinks a figure past three quarters of its designed size', () => {
    expect(stageZoom(1216, 613, 2000, 736)).toBe(0.75);
  });
});
