/**
 * Share links: a topology document carried, compressed, in the URL's hash (`#doc=…`), so a link
 * opens the same document with nothing sent to a server. DEFLATE (fflate) then base64url.
 *
 * Decoding treats the hash as hostile: a truncated or garbled link, or one that inflates past
 * the engine's text limit (a compression bomb), gives a clear message and never throws. The
 * inflater is streamed and stopped as soon as the output passes the limit, so a bomb costs at
 * most one limit's worth of memory.
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';
import { LIMITS } from '../../simulations/model/defaults.ts';

/** The hash key of a shared document. */
export const SHARE_KEY = 'doc';
/**
 * Longest link we hand out (hash included). Browsers accept far longer URLs, but chat tools,
 * issue trackers and e-mail clients cut links around a few thousand characters; past this we
 * offer a download instead.
 */
export const MAX_LINK_CHARS = 8000;

export type EncodeResult =
  | { readonly ok: true; readonly hash: string }
  | { readonly ok: false; readonly message: string; readonly length: number };

export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const padded = text.replaceAll('-', '+').replaceAll('_', '/');
  // A base64 string of length 4k + 1 cannot come from any byte sequence: a cut link.
  if (padded.length % 4 === 1) return undefined;
  try {
    const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** `#doc=…` for a document, or why it cannot be a link (too long). */
export function encodeShare(text: string, { base = '' }: { base?: string } = {}): EncodeResult {
  const hash = `#${SHARE_KEY}=${toBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;
  const length = base.length + hash.length;
  if (length > MAX_LINK_CHARS) {
    return {
      ok: false,
      length,
      message: `This document is too large for a link: it would be ${length.toLocaleString('en')} characters long, and links longer than ${MAX_LINK_CHARS.toLocaleString('en')} are often cut short by the tools they are pasted into. Download the file and share it instead.`,
    };
  }
  return { ok: true, hash };
}

/** The `doc` value of a location hash, if the hash carries one. */
export function shareParam(hash: string): string | undefined {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === SHARE_KEY) return part.slice(eq + 1);
  }
  return undefined;
}

/** The document a `doc` value carries, or a sentence saying what is wrong with the link. */
export function decodeShare(param: string, maxChars: number = LIMITS.textLength): DecodeResult {
  const bytes = fromBase64Url(param.trim());
  if (bytes === undefined || bytes.length === 0) {
    return {
      ok: false,
      message:
        'This link does not carry a readable document: it is cut short or has characters a shared link never contains. Ask for the link again, or for the file.',
    };
  }
  // UTF-8 takes at most 4 bytes a character; stopping at 4 × the limit bounds the work.
  const maxBytes = maxChars * 4;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  let tooLarge = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) {
      tooLarge = true;
      throw new RangeError('too large');
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Small pieces, so a bomb is caught after little output rather than after one huge chunk.
    for (let i = 0; i < bytes.length; i += 1024) {
      inflater.push(bytes.subarray(i, i + 1024), i + 1024 >= bytes.length);
    }
  } catch {
    if (tooLarge) {
      return {
        ok: false,
        message: `This link unpacks to more than ${maxChars.toLocaleString('en')} characters, more than the engine reads; it was not opened.`,
      };
    }
    return {
      ok: false,
      message:
        'This link is damaged: its compressed document cannot be unpacked (it may have been cut short). Ask for the link again, or for the file.',
    };
  }
  if (!ended) {
    return {
      ok: false,
      message:
        'This link is cut short: its compressed document ends too early. Ask for the link again, or for the file.',
    };
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    return { ok: false, message: 'This link does not carry text: it was not opened.' };
  }
  if (text.length > maxChars) {
    return {
      ok: false,
      message: `This link unpacks to more than ${maxChars.toLocaleString('en')} characters, more than the engine reads; it was not opened.`,
    };
  }
  return { ok: true, text };
}
