import { describe, expect, it } from 'vitest';
import {
  DRAFTS_KEY,
  deleteDraft,
  draftList,
  EMPTY_STORE,
  freshName,
  type KeyValueStorage,
  readDrafts,
  saveDraft,
  writeDrafts,
} from './drafts.ts';

function memory(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('drafts', () => {
  it('keeps several named drafts and restores the current one', () => {
    const storage = memory();
    let store = saveDraft(EMPTY_STORE, 'Draft 1', 'name: a\n', 1);
    store = saveDraft(store, 'Checkout v2', 'name: b\n', 2);
    expect(writeDrafts(storage, store)).toBe(true);
    const back = readDrafts(storage);
    expect(back.current).toBe('Checkout v2');
    expect(back.drafts['Draft 1']?.text).toBe('name: a\n');
    expect(draftList(back).map((d) => d.name)).toEqual(['Checkout v2', 'Draft 1']);
    expect(freshName(back)).toBe('Draft 2');
  });

  it('reads garbled or refused storage as no drafts', () => {
    expect(readDrafts(memory({ [DRAFTS_KEY]: '{not json' }))).toEqual(EMPTY_STORE);
    expect(readDrafts(memory({ [DRAFTS_KEY]: '{"v":2}' }))).toEqual(EMPTY_STORE);
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readDrafts(refusing)).toEqual(EMPTY_STORE);
    expect(writeDrafts(refusing, EMPTY_STORE)).toBe(false);
  });

  it('drops malformed entries and moves off a deleted current draft', () => {
    const storage = memory({
      [DRAFTS_KEY]: JSON.stringify({
        v: 1,
        current: 'x',
        drafts: { x: { text: 1 }, y: { text: 'ok', savedAt: 3 } },
      }),
    });
    const store = readDrafts(storage);
    expect(Object.keys(store.drafts)).toEqual(['y']);
    expect(store.current).toBe('y');
    expect(deleteDraft(store, 'y').current).toBe('Draft 1');
  });
});
