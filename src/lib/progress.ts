/**
 * Reading progress, kept in the reader's browser only (localStorage; no cookies, no network):
 * which chapters they finished and which predictions they committed to. Every function takes the
 * storage to use, so the tests run it on a plain in-memory store; a browser without storage (or
 * one that refuses it) simply keeps nothing.
 */

export const PROGRESS_KEY = 'lockstep:progress:v1';
/** Dispatched on `window` after every change, so other widgets on the page can redraw. */
export const PROGRESS_EVENT = 'lockstep:progress';

export interface Prediction {
  /** What the reader chose or guessed, as stored (an option's index or a number). */
  readonly value: number;
  /** The same, as shown back: the option's text or the guess with its unit. */
  readonly label: string;
  /** When, as an ISO date-time. */
  readonly at: string;
}

export interface Progress {
  /** Chapter slug → when the reader reached its end (ISO date-time). */
  readonly read: Readonly<Record<string, string>>;
  /** Chapter slug → prediction id → the prediction. */
  readonly predictions: Readonly<Record<string, Readonly<Record<string, Prediction>>>>;
}

/** The part of `Storage` this module uses. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const EMPTY_PROGRESS: Progress = { read: {}, predictions: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrediction(value: unknown): value is Prediction {
  return (
    isRecord(value) &&
    typeof value.value === 'number' &&
    Number.isFinite(value.value) &&
    typeof value.label === 'string' &&
    typeof value.at === 'string'
  );
}

/** Reads stored progress; anything garbled is dropped rather than trusted. */
export function parseProgress(text: string | null): Progress {
  if (text === null) return EMPTY_PROGRESS;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return EMPTY_PROGRESS;
  }
  if (!isRecord(data)) return EMPTY_PROGRESS;
  const read: Record<string, string> = {};
  if (isRecord(data.read)) {
    for (const [slug, at] of Object.entries(data.read)) if (typeof at === 'string') read[slug] = at;
  }
  const predictions: Record<string, Record<string, Prediction>> = {};
  if (isRecord(data.predictions)) {
    for (const [slug, byId] of Object.entries(data.predictions)) {
      if (!isRecord(byId)) continue;
      const kept: Record<string, Prediction> = {};
      for (const [id, p] of Object.entries(byId)) if (isPrediction(p)) kept[id] = p;
      if (Object.keys(kept).length > 0) predictions[slug] = kept;
    }
  }
  return { read, predictions };
}

/** The browser's localStorage, or null where there is none or it is refused. */
export function browserStorage(): ProgressStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadProgress(storage: ProgressStorage | null = browserStorage()): Progress {
  if (storage === null) return EMPTY_PROGRESS;
  try {
    return parseProgress(storage.getItem(PROGRESS_KEY));
  } catch {
    return EMPTY_PROGRESS;
  }
}

function save(storage: ProgressStorage | null, progress: Progress): Progress {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Full or refused: progress is a convenience, never worth an error.
  }
  announce();
  return progress;
}

function announce(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

/** Keeps the reader's prediction (replacing an earlier one for the same id). */
export function savePrediction(
  chapter: string,
  id: string,
  prediction: Omit<Prediction, 'at'> & { readonly at?: string },
  storage: ProgressStorage | null = browserStorage(),
): Progress {
  const progress = loadProgress(storage);
  const entry: Prediction = { ...prediction, at: prediction.at ?? new Date().toISOString() };
  return save(storage, {
    read: progress.read,
    predictions: {
      ...progress.predictions,
      [chapter]: { ...progress.predictions[chapter], [id]: entry },
    },
  });
}

/** The reader's prediction, if they made one. */
export function predictionOf(
  chapter: string,
  id: string,
  storage: ProgressStorage | null = browserStorage(),
): Prediction | undefined {
  return loadProgress(storage).predictions[chapter]?.[id];
}

/** Marks a chapter read (keeping the first time it was). */
export function markRead(
  chapter: string,
  storage: ProgressStorage | null = browserStorage(),
): Progress {
  const progress = loadProgress(storage);
  if (progress.read[chapter] !== undefined) return progress;
  return save(storage, {
    read: { ...progress.read, [chapter]: new Date().toISOString() },
    predictions: progress.predictions,
  });
}

/** Forgets everything. */
export function clearProgress(storage: ProgressStorage | null = browserStorage()): Progress {
  try {
    storage?.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing to do: there was nothing we could read either.
  }
  announce();
  return EMPTY_PROGRESS;
}

/** Predictions made in one chapter. */
export function predictionsIn(progress: Progress, chapter: string): number {
  return Object.keys(progress.predictions[chapter] ?? {}).length;
}

/** The chapter a page belongs to: the essay's slug, or the page's path for other pages. */
export function chapterOfPath(pathname: string): string {
  const match = /\/essays\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ?? (pathname.replace(/\/+$/, '') || '/');
}
