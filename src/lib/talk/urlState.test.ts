import { describe, expect, it } from 'vitest';
import { sceneFromHash, seedFromIslandProps, withScene } from './urlState.ts';

describe('the talk address', () => {
  it('reads the scene a bookmark holds, counting from 1 as a speaker does', () => {
    expect(sceneFromHash('#scene=3&storm=1.abc', 5)).toEqual({ kind: 'scene', index: 2 });
    expect(sceneFromHash('', 5)).toEqual({ kind: 'none' });
    expect(sceneFromHash('#storm=1.abc', 5)).toEqual({ kind: 'none' });
  });

  it('reports a scene that does not exist and shows the nearest one', () => {
    const past = sceneFromHash('#scene=9', 5);
    expect(past).toMatchObject({ kind: 'invalid', index: 4 });
    expect(past.kind === 'invalid' && past.notice).toContain('scenes 1 to 5');
    expect(sceneFromHash('#scene=0', 5)).toMatchObject({ kind: 'invalid', index: 0 });
    expect(sceneFromHash('#scene=two', 5)).toMatchObject({ kind: 'invalid', index: 0 });
    const long = sceneFromHash(`#scene=${'x'.repeat(500)}`, 5);
    expect(long.kind === 'invalid' && long.notice.length).toBeLessThan(120);
  });

  it('writes the scene beside the figure states without disturbing them', () => {
    expect(withScene('#storm=1.abc', 1)).toBe('#storm=1.abc&scene=2');
    expect(withScene('#scene=5&storm=1.abc', 0)).toBe('#scene=1&storm=1.abc');
    expect(withScene('', 0)).toBe('#scene=1');
  });

  it("reads a figure's own seed from Astro's island props, and falls back to 1", () => {
    expect(seedFromIslandProps('{"id":[0,"x"],"seed":[0,7]}')).toBe(7);
    expect(seedFromIslandProps('{"id":[0,"x"]}')).toBe(1);
    expect(seedFromIslandProps('not json')).toBe(1);
    expect(seedFromIslandProps(null)).toBe(1);
    expect(seedFromIslandProps('{"seed":[0,-3]}')).toBe(1);
  });
});
