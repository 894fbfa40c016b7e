import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../simulations/presets/index.ts';
import { decodeShare, encodeShare, MAX_LINK_CHARS, shareParam } from './shareCodec.ts';

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

describe('share links', () => {
  it('round-trips a preset, comments and non-ASCII text included', () => {
    const text = `${loadPreset('distributed-monolith')}\n# café ✓ — naïve\n`;
    const encoded = encodeShare(text);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    const param = shareParam(encoded.hash);
    expect(param).toBeDefined();
    expect(decodeShare(param as string)).toEqual({ ok: true, text });
  });

  it('finds the document among other hash parameters', () => {
    expect(shareParam('#a=1&doc=xyz&b=2')).toBe('xyz');
    expect(shareParam('#figure=abc')).toBeUndefined();
  });

  it('refuses a document too large for a link, with a message that offers the file', () => {
    // Random-looking text does not compress: a big document makes a long link.
    let text = 'name: big\n';
    for (let i = 0; i < 4000; i++)
      text += `# ${((i * 2654435761) % 4294967296).toString(36)}${i}\n`;
    const encoded = encodeShare(text);
    expect(encoded.ok).toBe(false);
    if (encoded.ok) return;
    expect(encoded.length).toBeGreaterThan(MAX_LINK_CHARS);
    expect(encoded.message).toMatch(/too large for a link/);
    expect(encoded.message).toMatch(/Download/);
  });

  it('says a truncated link is cut short, without throwing', () => {
    const encoded = encodeShare(loadPreset('microservices'));
    if (!encoded.ok) throw new Error('preset should fit a link');
    const param = shareParam(encoded.hash) as string;
    for (const cut of [1, 5, 17, Math.floor(param.length / 2), param.length - 3]) {
      const result = decodeShare(param.slice(0, cut));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/cut short|damaged|readable/);
    }
  });

  it('refuses garbage', () => {
    for (const junk of ['', '!!!', '%%%', 'aGVsbG8gd29ybGQ', '____']) {
      const result = decodeShare(junk);
      expect(result.ok).toBe(false);
    }
  });

  it('stops a compression bomb at the text limit', () => {
    // Fifty million spaces compress to about fifty kilobytes.
    const bomb = deflateSync(new Uint8Array(50_000_000).fill(32), { level: 9 });
    const result = decodeShare(b64url(bomb));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/more than 1,000,000 characters/);
  });

  it('refuses bytes that are not UTF-8 text', () => {
    const result = decodeShare(b64url(deflateSync(new Uint8Array([0xff, 0xfe, 0xfd]))));
    expect(result).toEqual({
      ok: false,
      message: 'This link does not carry text: it was not opened.',
    });
  });
});
