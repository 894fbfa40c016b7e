/**
 * Messages between the stage and the speaker-notes window, over a same-origin BroadcastChannel
 * named per chapter. The stage is the one source of truth for the scene: it announces every move
 * (`at`); the notes window asks where the stage is when it opens (`hello`) and asks it to move
 * (`goto`), then follows the stage's answer like any other move. Anything else on the channel
 * (another tab's garbage, an older build) is ignored.
 */

export type TalkMessage =
  | { readonly type: 'hello' }
  | { readonly type: 'at'; readonly index: number; readonly count: number }
  | { readonly type: 'goto'; readonly index: number };

/** The channel's name for one chapter, so two talks in two tabs do not steer each other. */
export function channelName(chapter: string): string {
  return `lockstep-talk:${chapter}`;
}

const isIndex = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10_000;

/** A message from the channel, or `undefined` when it is not one of ours. */
export function parseMessage(data: unknown): TalkMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type === 'hello') return { type: 'hello' };
  if (m.type === 'goto' && isIndex(m.index)) return { type: 'goto', index: m.index };
  if (m.type === 'at' && isIndex(m.index) && isIndex(m.count) && m.index < Math.max(1, m.count)) {
    return { type: 'at', index: m.index, count: m.count };
  }
  return undefined;
}
