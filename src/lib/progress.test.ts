import { describe, expect, it } from 'vitest';
import {
  chapterOfPath,
  clearProgress,
  loadProgress,
  markRead,
  PROGRESS_KEY,
  type ProgressStorage,
  parseProgress,
  predictionOf,
  predictionsIn,
  savePrediction,
} from './progress.ts';

function memory(): ProgressStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('reading progress', () => {
  it('keeps predictions per chapter and id, replacing a changed one', () => {
    const s = memory();
    savePrediction('every-hop-costs', 'knee', { value: 2, label: 'Near 90%' }, s);
    savePrediction('every-hop-costs', 'tail', { value: 60, label: '60%' }, s);
    savePrediction('blast-radius', 'knee', { value: 0, label: 'Down' }, s);
    savePrediction('every-hop-costs', 'knee', { value: 1, label: 'Near 50%' }, s);
    expect(predictionOf('every-hop-costs', 'knee', s)?.label).toBe('Near 50%');
    expect(predictionsIn(loadProgress(s), 'every-hop-costs')).toBe(2);
    expect(predictionsIn(loadProgress(s), 'blast-radius')).toBe(1);
    expect(predictionsIn(loadProgress(s), 'nowhere')).toBe(0);
  });

  it('marks chapters read once and clears everything', () => {
    const s = memory();
    markRead('blast-radius', s);
    const first = loadProgress(s).read['blast-radius'];
    markRead('blast-radius', s);
    expect(loadProgress(s).read['blast-radius']).toBe(first);
    clearProgress(s);
    expect(s.data.has(PROGRESS_KEY)).toBe(false);
    expect(loadProgress(s)).toEqual({ read: {}, predictions: {} });
  });

  it('drops garbled storage instead of trusting it', () => {
    expect(parseProgress('not json')).toEqual({ read: {}, predictions: {} });
    expect(parseProgress('[1,2]')).toEqual({ read: {}, predictions: {} });
    expect(
      parseProgress(
        JSON.stringify({
          read: { a: 'x', b: 3 },
          predictions: {
            c: { ok: { value: 1, label: 'one', at: 'x' }, bad: { value: 'no' } },
            d: 5,
          },
        }),
      ),
    ).toEqual({
      read: { a: 'x' },
      predictions: { c: { ok: { value: 1, label: 'one', at: 'x' } } },
    });
  });

  it('survives storage that throws', () => {
    const refusing: ProgressStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => savePrediction('a', 'b', { value: 1, label: 'x' }, refusing)).not.toThrow();
    expect(loadProgress(refusing)).toEqual({ read: {}, predictions: {} });
    expect(loadProgress(null)).toEqual({ read: {}, predictions: {} });
  });

  it('names the chapter of a page', () => {
    expect(chapterOfPath('/essays/blast-radius/')).toBe('blast-radius');
    expect(chapterOfPath('/lockstep/essays/every-hop-costs/')).toBe('every-hop-costs');
    expect(chapterOfPath('/figures/')).toBe('/figures');
    expect(chapterOfPath('/')).toBe('/');
  });
});
