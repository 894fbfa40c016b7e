import { describe, expect, it } from 'vitest';
import { decodeFigureState, encodeFigureState } from '../figureState.ts';
import { readScenes, type SceneData, sceneFigureState } from './scene.ts';

const storm: SceneData = {
  figure: 'storm',
  headline: 'Retries on, no budget',
  settings: [
    { control: 'retries', value: 3 },
    { control: 'budget', value: 0 },
  ],
};

describe('scenes', () => {
  it('are read in page order with their notes', () => {
    const list = readScenes([
      { data: JSON.stringify(storm), notes: ' <p>Point at the bars.</p> ' },
      {
        data: JSON.stringify({ figure: 'chain', headline: 'Twenty hops', settings: [], step: 20 }),
        notes: '',
      },
    ]);
    expect(list.ok).toBe(true);
    expect(list.scenes.map((s) => s.figure)).toEqual(['storm', 'chain']);
    expect(list.scenes[0]?.notes).toBe('<p>Point at the bars.</p>');
  });

  it('skip a scene that does not parse and say which one', () => {
    const list = readScenes([
      { data: '{', notes: '' },
      { data: JSON.stringify(storm), notes: '' },
      {
        data: JSON.stringify({ ...storm, settings: [{ control: 'teleport', value: 1 }] }),
        notes: '',
      },
    ]);
    expect(list.ok).toBe(false);
    expect(list.scenes).toHaveLength(1);
    expect(!list.ok && list.problems).toEqual([
      'scene 1 is not readable',
      expect.stringContaining('scene 3 has an invalid settings'),
    ]);
  });

  it("open their figure in a state its link would hold, with the figure's own seed by default", async () => {
    const state = sceneFigureState(storm, 7);
    expect(state).toEqual({ v: 1, seed: 7, settings: storm.settings });
    // The state survives the trip through the address exactly.
    const decoded = await decodeFigureState(
      await encodeFigureState(state ?? { v: 1, seed: 0, settings: [] }),
    );
    expect(decoded).toEqual({ ok: true, state });
    expect(sceneFigureState({ ...storm, seed: 3 }, 7)?.seed).toBe(3);
    expect(sceneFigureState({ figure: 'pools', headline: 'x', settings: [], step: 16 }, 1)).toEqual(
      { v: 1, seed: 1, settings: [], step: 16 },
    );
  });

  it('leave the figure at its defaults when they set nothing', () => {
    expect(
      sceneFigureState({ figure: 'storm', headline: 'As written', settings: [] }, 1),
    ).toBeUndefined();
  });
});
