import { describe, expect, it } from 'vitest';
import { channelName, parseMessage } from './channel.ts';

describe('messages between the stage and the notes window', () => {
  it('accepts the three messages of the protocol', () => {
    expect(parseMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseMessage({ type: 'goto', index: 2 })).toEqual({ type: 'goto', index: 2 });
    expect(parseMessage({ type: 'at', index: 2, count: 5 })).toEqual({
      type: 'at',
      index: 2,
      count: 5,
    });
  });

  it('ignores anything else on the channel', () => {
    for (const junk of [
      null,
      'goto',
      3,
      {},
      { type: 'goto' },
      { type: 'goto', index: -1 },
      { type: 'goto', index: 1.5 },
      { type: 'at', index: 5, count: 5 },
      { type: 'reload' },
    ]) {
      expect(parseMessage(junk)).toBeUndefined();
    }
  });

  it('gives each chapter its own channel, so two talks in two tabs do not steer each other', () => {
    expect(channelName('blast-radius')).not.toBe(channelName('every-hop-costs'));
  });
});
