import { describe, expect, it } from 'vitest';
import {
  decodeFigureState,
  encodeFigureState,
  type FigureState,
  MAX_ENCODED,
  readFragment,
  writeFragment,
} from './figureState.ts';

const state: FigureState = {
  v: 1,
  seed: 42,
  settings: [
    { control: 'retries', target: 'payments', value: 3 },
    { control: 'jitter', value: 'full' },
    { control: 'breaker', value: true },
    { control: 'failureRate', target: 'payments', value: 0.2 },
  ],
  view: 'timeline',
  failed: 'shop-db',
};

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('figure state in the URL', () => {
  it('round-trips and stays short enough to paste', async () => {
    const code = await encodeFigureState(state);
    expect(code).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(200);
    expect(await decodeFigureState(code)).toEqual({ ok: true, state });
  });

  it('refuses garbage, other versions and oversized links with a reason, never a throw', async () => {
    for (const text of [
      '',
      'hello',
      '1.',
      '1.!!!',
      '1.AAAA',
      '2.abc',
      `1.${'A'.repeat(MAX_ENCODED)}`,
    ]) {
      const decoded = await decodeFigureState(text);
      expect(decoded.ok, text.slice(0, 20)).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(/link/);
    }
  });

  it('refuses a deflate bomb before inflating it all', async () => {
    const bomb = await deflate(`{"v":1,"seed":1,"settings":[],"view":"${'x'.repeat(1_000_000)}"}`);
    expect(bomb.length).toBeLessThan(MAX_ENCODED);
    expect(await decodeFigureState(`1.${bomb}`)).toEqual({
      ok: false,
      reason: 'the link unpacks to too much data',
    });
  });

  it('refuses well-formed JSON with hostile values, naming the field', async () => {
    const cases = [
      '{"v":1,"seed":-1,"settings":[]}',
      '{"v":1,"seed":1,"settings":[{"control":"rm -rf","value":1}]}',
      '{"v":1,"seed":1,"settings":[],"extra":true}',
      '{"v":1,"seed":1,"settings":[{"control":"load","value":1e400}]}',
    ];
    for (const json of cases) {
      const decoded = await decodeFigureState(`1.${await deflate(json)}`);
      expect(decoded.ok, json).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(/invalid/);
    }
  });

  it('keeps one entry per figure in the fragment', () => {
    let hash = writeFragment('', 'latency', '1.abc');
    hash = writeFragment(hash, 'retries', '1.def');
    expect(hash).toBe('#latency=1.abc&retries=1.def');
    expect(readFragment(hash).get('retries')).toBe('1.def');
    expect(writeFragment(hash, 'latency', undefined)).toBe('#retries=1.def');
  });
});
