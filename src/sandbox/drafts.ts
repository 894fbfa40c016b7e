/**
 * Named drafts of sandbox documents, kept in the browser's localStorage under one key. Reading is
 * defensive: garbled or refused storage reads as no drafts, never as an error, and a write that
 * the browser refuses (quota, private mode) is reported, not thrown, so typing is never blocked.
 */

/** The storage key of every draft. */
export const DRAFTS_KEY = 'lockstep-sandbox-drafts';
/** A draft's name: what the reader sees in the list. */
export const MAX_DRAFT_NAME = 60;

export interface Draft {
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly savedAt: number;
}

export interface DraftStore {
  readonly v: 1;
  /** The draft the editor shows. */
  readonly current: string;
  readonly drafts: Readonly<Record<string, Draft>>;
}

/** The part of `Storage` drafts use, so tests can pass a map. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const EMPTY_STORE: DraftStore = { v: 1, current: 'Draft 1', drafts: {} };

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.text === 'string' && typeof d.savedAt === 'number';
}

/** The stored drafts; empty when there are none or the storage cannot be read. */
export function readDrafts(storage: KeyValueStorage | undefined): DraftStore {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(DRAFTS_KEY) ?? null;
  } catch {
    return EMPTY_STORE;
  }
  if (raw === null) return EMPTY_STORE;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return EMPTY_STORE;
    const p = parsed as Record<string, unknown>;
    if (p.v !== 1 || typeof p.drafts !== 'object' || p.drafts === null) return EMPTY_STORE;
    const drafts: Record<string, Draft> = {};
    for (const [name, draft] of Object.entries(p.drafts as Record<string, unknown>)) {
      if (isDraft(draft)) drafts[name] = { text: draft.text, savedAt: draft.savedAt };
    }
    const current =
      typeof p.current === 'string' && p.current in drafts
        ? p.current
        : (Object.keys(drafts)[0] ?? EMPTY_STORE.current);
    return { v: 1, current, drafts };
  } catch {
    return EMPTY_STORE;
  }
}

/** Writes the store; false when the browser refused (the page then says so). */
export function writeDrafts(storage: KeyValueStorage | undefined, store: DraftStore): boolean {
  try {
    storage?.setItem(DRAFTS_KEY, JSON.stringify(store));
    return storage !== undefined;
  } catch {
    return false;
  }
}

/** The store with `name`'s text replaced (created when new) and made current. */
export function saveDraft(store: DraftStore, name: string, text: string, now: number): DraftStore {
  return { v: 1, current: name, drafts: { ...store.drafts, [name]: { text, savedAt: now } } };
}

/** The store without `name`; the current draft moves to another one when it was that one. */
export function deleteDraft(store: DraftStore, name: string): DraftStore {
  const drafts = { ...store.drafts };
  delete drafts[name];
  const current =
    store.current === name ? (Object.keys(drafts)[0] ?? EMPTY_STORE.current) : store.current;
  return { v: 1, current, drafts };
}

/** A name not yet taken: `Draft 2`, `Imported 3`, … */
export function freshName(store: DraftStore, stem = 'Draft'): string {
  for (let i = 1; ; i++) {
    const name = `${stem} ${i}`;
    if (!(name in store.drafts)) return name;
  }
}

/** A draft name from what the reader typed: trimmed, one line, not empty, not too long. */
export function cleanDraftName(raw: string): string | undefined {
  const name = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_DRAFT_NAME);
  return name === '' ? undefined : name;
}

/** Drafts newest first, for the list. */
export function draftList(store: DraftStore): { name: string; savedAt: number }[] {
  return Object.entries(store.drafts)
    .map(([name, d]) => ({ name, savedAt: d.savedAt }))
    .sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
}
