/**
 * At-least-once delivery and idempotent consumers: the choreographed order workflow
 * (`order-choreographed.yaml`) with the bus's `duplicateRate` and its consumers' `idempotent`
 * flags set by the reader. The bus sends some deliveries twice; a consumer that dedupes on the
 * event's id turns the repeat into a no-op (it still costs its work), one that does not applies
 * its side effect again. Edits are made on the preset's text, so the figure runs a document one
 * could paste into the sandbox.
 */

/** Which consumers dedupe: the document's choice, all of them, or none. */
export const DEDUP_MODES = ['as-written', 'every-consumer', 'no-consumer'] as const;
export type DedupMode = (typeof DEDUP_MODES)[number];

export const DEDUP_LABELS: Readonly<Record<DedupMode, string>> = {
  'as-written': 'As written (every consumer but the e-mail)',
  'every-consumer': 'Every consumer',
  'no-consumer': 'No consumer',
};

/** Highest duplicate rate the figure offers: a bus that duplicates one delivery in ten. */
export const MAX_DUPLICATE_RATE = 0.1;

export interface DuplicateSettings {
  /** Share of deliveries the bus sends twice, 0 to `MAX_DUPLICATE_RATE`. */
  readonly duplicateRate: number;
  readonly dedup: DedupMode;
}

const RATE = /^(\s*duplicateRate:)[ \t]*[^\s#]+/m;
const CONSUMER = /^(\s*- \{ operation: [A-Za-z0-9_.-]+)([^}\n]*)\}/gm;

/** The settings made safe: a rate within range (in steps of 0.1%), a known mode. */
export function clampDuplicates(settings: Partial<DuplicateSettings>): DuplicateSettings {
  const rate = Number(settings.duplicateRate);
  return {
    duplicateRate: Number.isFinite(rate)
      ? Math.min(MAX_DUPLICATE_RATE, Math.max(0, Math.round(rate * 1000) / 1000))
      : 0.01,
    dedup: DEDUP_MODES.includes(settings.dedup as DedupMode)
      ? (settings.dedup as DedupMode)
      : 'as-written',
  };
}

/** The document with the bus's duplicate rate and the consumers' flags set. */
export function duplicatesYaml(text: string, settings: DuplicateSettings): string {
  const s = clampDuplicates(settings);
  if (!RATE.test(text)) throw new Error('duplicatesYaml: the document sets no bus duplicateRate');
  const percent = `${Math.round(s.duplicateRate * 1000) / 10}%`;
  const rated = text.replace(RATE, (_, key: string) => `${key} ${percent}`);
  if (s.dedup === 'as-written') return rated;
  const flag = s.dedup === 'every-consumer';
  return rated.replace(CONSUMER, (_, head: string, rest: string) => {
    const others = rest.replace(/,\s*idempotent:\s*(true|false)/, '').trimEnd();
    return `${head}${others}, idempotent: ${flag} }`;
  });
}
