/**
 * Design A beside design B: the rows of the sandbox's comparison table, read from the two
 * reports (with their analyses). Latency differences inside about two combined standard errors
 * (batch means) are marked "within noise" by the engine's own rule; availability by a binomial
 * standard error. Nothing is simulated here; the rows only say what the reports say.
 */
import type {
  BlastRadius,
  Scorecard,
  ScorecardKey,
  Verdict,
} from '../../simulations/analyses/types.ts';
import type { Report } from '../../simulations/report/types.ts';
import { availabilityError, withinNoise } from '../../simulations/scenarios/noise.ts';
import { formatMs, formatShare } from '../figures/format.ts';
import { plusMinus } from '../figures/summary.ts';

export interface CompareRow {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** `B lower`, `B higher`, `same`, `within noise`. */
  readonly note: string;
}

function latencyRow(label: string, a: Report, b: Report, key: 'p50' | 'p99'): CompareRow {
  const va = a.overall.latencyMs[key];
  const vb = b.overall.latencyMs[key];
  const ea = a.overall.noise?.[key];
  const eb = b.overall.noise?.[key];
  const noisy = ea !== undefined && eb !== undefined ? withinNoise(va, vb, ea, eb) : va === vb;
  return {
    label,
    a: `${formatMs(va)}${plusMinus(ea)}`,
    b: `${formatMs(vb)}${plusMinus(eb)}`,
    note: noisy ? 'within noise' : vb < va ? 'B faster' : 'B slower',
  };
}

function availabilityRow(a: Report, b: Report): CompareRow {
  const va = a.overall.availability;
  const vb = b.overall.availability;
  const ea = availabilityError(va, a.overall.succeeded + a.overall.failed);
  const eb = availabilityError(vb, b.overall.succeeded + b.overall.failed);
  const noisy = withinNoise(va, vb, ea, eb);
  return {
    label: 'Availability',
    a: formatShare(va),
    b: formatShare(vb),
    note: va === vb ? 'same' : noisy ? 'within noise' : vb > va ? 'B higher' : 'B lower',
  };
}

function plain(
  label: string,
  a: number | null,
  b: number | null,
  show: (v: number) => string,
  lowerIsBetter: boolean,
): CompareRow {
  const note =
    a === null || b === null
      ? ''
      : a === b
        ? 'same'
        : b < a === lowerIsBetter
          ? 'B better'
          : 'B worse';
  return {
    label,
    a: a === null ? 'unbounded' : show(a),
    b: b === null ? 'unbounded' : show(b),
    note,
  };
}

function tally(card: Scorecard | undefined): string {
  if (!card) return '–';
  const counts: Record<Verdict, number> = { ok: 0, warn: 0, bad: 0 };
  for (const key of Object.keys(card) as ScorecardKey[]) counts[card[key].verdict]++;
  return `${counts.bad} bad, ${counts.warn} warn, ${counts.ok} ok`;
}

function widest(radius: BlastRadius | undefined): string {
  if (!radius) return '–';
  const entries = Object.entries(radius).sort((x, y) => y[1].share - x[1].share);
  const top = entries[0];
  return top ? `${top[0]} ${formatShare(top[1].share)}` : 'none';
}

/** The comparison table's rows, design A then design B. */
export function compareRows(a: Report, b: Report): CompareRow[] {
  const count = (v: number) => v.toLocaleString('en');
  return [
    latencyRow('p50 latency', a, b, 'p50'),
    latencyRow('p99 latency', a, b, 'p99'),
    availabilityRow(a, b),
    plain('Cores provisioned', a.overall.cores, b.overall.cores, count, true),
    plain(
      'CPU per request',
      a.overall.coreMsPerRequest,
      b.overall.coreMsPerRequest,
      (v) => `${v.toFixed(2)} ms`,
      true,
    ),
    plain(
      'Largest lockstep group',
      a.deploy?.largestLockstep ?? null,
      b.deploy?.largestLockstep ?? null,
      (v) => `${v} services`,
      true,
    ),
    plain(
      'Mean lockstep group',
      a.deploy?.meanLockstep ?? null,
      b.deploy?.meanLockstep ?? null,
      (v) => v.toFixed(2),
      true,
    ),
    {
      label: 'Widest static blast radius',
      a: widest(a.blastRadius),
      b: widest(b.blastRadius),
      note: '',
    },
    { label: 'Scorecard', a: tally(a.scorecard), b: tally(b.scorecard), note: '' },
  ];
}

/** Every component's static blast radius in A and B (a component missing on one side shows –). */
export function blastRows(a: Report, b: Report): CompareRow[] {
  const names = [
    ...new Set([...Object.keys(a.blastRadius ?? {}), ...Object.keys(b.blastRadius ?? {})]),
  ];
  return names.map((name) => {
    const sa = a.blastRadius?.[name]?.share;
    const sb = b.blastRadius?.[name]?.share;
    return {
      label: name,
      a: sa === undefined ? '–' : formatShare(sa),
      b: sb === undefined ? '–' : formatShare(sb),
      note:
        sa === undefined
          ? 'only in B'
          : sb === undefined
            ? 'only in A'
            : sa === sb
              ? 'same'
              : sb < sa
                ? 'B smaller'
                : 'B larger',
    };
  });
}
