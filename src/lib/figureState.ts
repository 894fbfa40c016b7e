/**
 * A figure's state in the URL: versioned, compact and safe to open from anyone's link.
 *
 * `1.<base64url(deflate-raw(JSON))>`: the version prefix lets later formats migrate old links;
 * deflate keeps a dozen settings under ~200 characters. Decoding is defensive, because a link is
 * hostile input: the text and the inflated JSON are size-capped (no zip bombs), the JSON is
 * validated field by field, and any problem yields `{ ok: false, reason }`, never a throw, so the
 * figure falls back to its defaults with a small notice.
 */
// zod/mini: the same validation in a few KB, because this module ships with every figure.
import * as z from 'zod/mini';

export const STATE_VERSION = 1;
/** Longest encoded state accepted from a URL. */
export const MAX_ENCODED = 2048;
/** Largest inflated JSON accepted (a deflate bomb stops here). */
export const MAX_INFLATED = 16 * 1024;

export const controlNames = [
  'calls',
  'failureRate',
  'down',
  'hang',
  'timeout',
  'retries',
  'backoff',
  'jitter',
  'budget',
  'breaker',
  'replicas',
  'load',
  'release',
  'owners',
  'deployFailureRate',
  'networkErrors',
  'hedge',
  'bulkhead',
] as const;

/** One control setting, as figures, links and talk-mode scenes hold them. */
export const settingSchema = z.strictObject({
  control: z.enum(controlNames),
  target: z.optional(z.string().check(z.maxLength(120))),
  value: z.union([z.number(), z.string().check(z.maxLength(40)), z.boolean()]),
});

export const figureStateSchema = z.strictObject({
  v: z.literal(STATE_VERSION),
  seed: z.number().check(z.int(), z.minimum(0), z.maximum(0xffffffff)),
  settings: z.array(settingSchema).check(z.maxLength(40)),
  /** Which of the figure's views is showing. */
  view: z.optional(z.string().check(z.maxLength(40))),
  /** Component failed by clicking the diagram. */
  failed: z.optional(z.string().check(z.maxLength(120))),
  /** Replays: the step shown, and the actor followed. */
  step: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000))),
  follow: z.optional(z.string().check(z.maxLength(120))),
});

export type FigureState = z.infer<typeof figureStateSchema>;

export type Decoded = { ok: true; state: FigureState } | { ok: false; reason: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(
  bytes: Uint8Array,
  transform: CompressionStream | DecompressionStream,
  cap: number,
) {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Encodes a state for a URL fragment. */
export async function encodeFigureState(state: FigureState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(figureStateSchema.parse(state)));
  const packed = await pipe(json, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  return `${STATE_VERSION}.${toBase64Url(packed)}`;
}

/** Decodes a state from a URL fragment; never throws. */
export async function decodeFigureState(text: string): Promise<Decoded> {
  if (text.length > MAX_ENCODED) return { ok: false, reason: 'the link is too long' };
  const match = /^(\d+)\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match) return { ok: false, reason: 'the link is not a figure state' };
  if (Number(match[1]) !== STATE_VERSION) {
    return {
      ok: false,
      reason: `the link is from format version ${match[1]}, not ${STATE_VERSION}`,
    };
  }
  let json: unknown;
  try {
    const inflated = await pipe(
      fromBase64Url(match[2] ?? ''),
      new DecompressionStream('deflate-raw'),
      MAX_INFLATED,
    );
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch (error) {
    const tooLarge = error instanceof RangeError && error.message === 'too large';
    return {
      ok: false,
      reason: tooLarge ? 'the link unpacks to too much data' : 'the link is garbled',
    };
  }
  const parsed = figureStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `the link holds an invalid ${issue?.path.join('.') || 'state'}` };
  }
  return { ok: true, state: parsed.data };
}

/** Reads `key=value` pairs from a fragment (`#a=1.xyz&b=1.abc`), one per figure. */
export function readFragment(hash: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const at = part.indexOf('=');
    if (at > 0 && pairs.size < 20) pairs.set(part.slice(0, at), part.slice(at + 1));
  }
  return pairs;
}

/** The fragment with one figure's entry set (or removed when `value` is undefined). */
export function writeFragment(hash: string, key: string, value: string | undefined): string {
  const pairs = readFragment(hash);
  if (value === undefined) pairs.delete(key);
  else pairs.set(key, value);
  const text = [...pairs].map(([k, v]) => `${k}=${v}`).join('&');
  return text ? `#${text}` : '';
}
