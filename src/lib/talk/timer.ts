/**
 * The notes window's elapsed-time timer as pure functions of a clock reading: a running timer
 * is its start time, a paused one its elapsed time, so a reload (sessionStorage) or a sleeping
 * laptop never loses or invents minutes.
 */

export type TimerState =
  | { readonly running: true; readonly since: number; readonly before: number }
  | { readonly running: false; readonly before: number };

export const stoppedTimer: TimerState = { running: false, before: 0 };

export function elapsed(timer: TimerState, now: number): number {
  return timer.running ? timer.before + Math.max(0, now - timer.since) : timer.before;
}

export function toggleTimer(timer: TimerState, now: number): TimerState {
  return timer.running
    ? { running: false, before: elapsed(timer, now) }
    : { running: true, since: now, before: timer.before };
}

/** `m:ss` under an hour, `h:mm:ss` past it. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A timer read back from storage; anything unexpected is a stopped timer at zero. */
export function parseTimer(text: string | null): TimerState {
  if (!text) return stoppedTimer;
  try {
    const t: unknown = JSON.parse(text);
    if (typeof t !== 'object' || t === null) return stoppedTimer;
    const { running, since, before } = t as Record<string, unknown>;
    if (typeof before !== 'number' || !Number.isFinite(before) || before < 0) return stoppedTimer;
    if (running === true && typeof since === 'number' && Number.isFinite(since))
      return { running: true, since, before };
    return { running: false, before };
  } catch {
    return stoppedTimer;
  }
}
