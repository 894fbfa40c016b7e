/**
 * At-least-once delivery: for each consumer of the order chain, the side effects it wrote once,
 * the repeats it applied again (duplicates: a second receipt, a second charge) and the repeats it
 * recognised and skipped (deduplicated). The counts are the engine's
 * (`report.sideEffects.byOperation`); this module orders and labels them.
 */
import * as Plot from '@observablehq/plot';
import type { Report } from '../../simulations/report/types.ts';
import type { DuplicateSettings } from '../../simulations/scenarios/duplicates.ts';
import { formatShare } from './format.ts';

const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };

export const DUPLICATE_COLOURS = { duplicates: '#D55E00', deduplicated: '#0072B2' } as const;

export const DUPLICATE_LABELS = {
  duplicates: 'applied twice (duplicates)',
  deduplicated: 'caught and skipped (deduplicated)',
} as const;

/** The chain's consumers in the order the events reach them, with the words a reader uses. */
const STEPS: readonly { readonly op: string; readonly label: string }[] = [
  { op: 'inventory.reserve-stock', label: 'Stock reserved' },
  { op: 'payments.charge', label: 'Card charged' },
  { op: 'shipping.schedule-shipping', label: 'Courier booked' },
  { op: 'notifications.send-receipt', label: 'Receipt e-mailed' },
];

export interface DuplicateRow {
  readonly op: string;
  readonly label: string;
  /** Effects written once per piece of work (written − duplicates). */
  readonly once: number;
  readonly duplicates: number;
  readonly deduplicated: number;
}

/** One row per consumer that writes a side effect, in chain order. */
export function duplicateRows(report: Report): DuplicateRow[] {
  const by = report.sideEffects?.byOperation ?? {};
  return STEPS.filter((s) => by[s.op] !== undefined).map((s) => {
    const counts = by[s.op] ?? { written: 0, duplicates: 0, deduplicated: 0 };
    return {
      op: s.op,
      label: s.label,
      once: counts.written - counts.duplicates,
      duplicates: counts.duplicates,
      deduplicated: counts.deduplicated,
    };
  });
}

/** Plot options: repeats per consumer, applied (vermillion) then caught (blue). */
export function duplicatesPlot(
  rows: readonly DuplicateRow[],
  { width = 760 }: { width?: number } = {},
): Plot.PlotOptions {
  const kinds = ['duplicates', 'deduplicated'] as const;
  const data = rows.flatMap((r) => kinds.map((kind) => ({ label: r.label, kind, count: r[kind] })));
  const top = Math.max(10, ...data.map((d) => d.count));
  return {
    width,
    height: 260,
    marginLeft: width < 420 ? 118 : 140,
    marginRight: 48,
    marginTop: 8,
    marginBottom: 40,
    style: STYLE,
    x: { label: 'Repeated deliveries →', grid: true, domain: [0, top * 1.12] },
    y: { label: null, domain: rows.map((r) => r.label) },
    color: {
      domain: kinds.map((k) => DUPLICATE_LABELS[k]),
      range: kinds.map((k) => DUPLICATE_COLOURS[k]),
    },
    marks: [
      // One bar per consumer, as long as the repeats it received: applied, then caught.
      Plot.barX(
        data.filter((d) => d.count > 0),
        Plot.stackX({
          x: 'count',
          y: 'label',
          fill: (d: { kind: (typeof kinds)[number] }) => DUPLICATE_LABELS[d.kind],
          order: kinds.map((k) => DUPLICATE_LABELS[k]),
          inset: 1,
        }),
      ),
      Plot.text(
        data.filter((d) => d.count > 0),
        Plot.stackX({
          x: 'count',
          y: 'label',
          z: (d: { kind: (typeof kinds)[number] }) => DUPLICATE_LABELS[d.kind],
          order: kinds.map((k) => DUPLICATE_LABELS[k]),
          text: (d: { count: number }) => d.count.toLocaleString('en'),
          fill: 'white',
          fontWeight: 700,
          fontSize: 14,
        }),
      ),
      Plot.ruleX([0]),
    ],
  };
}

/** Totals across the chain: repeats delivered, applied and caught. */
export function duplicateTotals(rows: readonly DuplicateRow[]): {
  readonly repeats: number;
  readonly duplicates: number;
  readonly deduplicated: number;
} {
  const duplicates = rows.reduce((s, r) => s + r.duplicates, 0);
  const deduplicated = rows.reduce((s, r) => s + r.deduplicated, 0);
  return { repeats: duplicates + deduplicated, duplicates, deduplicated };
}

/** The sentence under the chart, and its text alternative. */
export function describeDuplicates(
  rows: readonly DuplicateRow[],
  settings: DuplicateSettings,
): string {
  const t = duplicateTotals(rows);
  const rate = formatShare(settings.duplicateRate);
  if (t.repeats === 0) return `At a duplicate rate of ${rate}, no delivery arrived twice.`;
  const last = rows[rows.length - 1];
  const first = rows[0];
  const chain =
    first !== undefined && last !== undefined && last !== first
      ? ` Repeats grow along the chain: ${(first.duplicates + first.deduplicated).toLocaleString('en')} at the first step, ${(last.duplicates + last.deduplicated).toLocaleString('en')} at the last, because each step passes its repeats on.`
      : '';
  const applied =
    t.duplicates === 0
      ? 'every consumer recognised its repeats, so nothing happened twice'
      : `${t.duplicates.toLocaleString('en')} were applied a second time${t.deduplicated > 0 ? ` and ${t.deduplicated.toLocaleString('en')} caught` : ''}`;
  return `At a duplicate rate of ${rate}, ${t.repeats.toLocaleString('en')} deliveries arrived again: ${applied}.${chain}`;
}
