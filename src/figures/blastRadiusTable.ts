/**
 * The blast-radius table of one topology, from the `check` result: per component its static share
 * and, once the simulations are done, the share of user traffic lost when it is down, hangs or is
 * slow, the work lost behind the bus for each (the deferred blast radius), and the sentences that
 * say why a column differs from the static one. Pure: the island only draws what this returns.
 *
 *   blastTable(await check(model, { simulate: false }))   // static columns only
 *   blastTable(await check(model))                          // every column
 */
import type { CheckResult } from '../../simulations/analyses/check.ts';
import type { DeliveryTally } from '../../simulations/analyses/faultRun.ts';
import {
  type ComponentBlastRadius,
  type FailureBlastRadius,
  INJECTED_FAILURES,
  type InjectedFailure,
} from '../../simulations/analyses/simulatedBlastRadius.ts';

export type ComponentKind = 'service' | 'datastore' | 'bus';

/** One failure of one component, as a cell pair: users lost, and work deferred. */
export interface BlastCell {
  /** Share of user traffic lost. */
  readonly share: number;
  readonly text: string;
  /** Differs from the static share by more than the run's noise. */
  readonly differs: boolean;
  /** Against the static share, beyond the noise: `above`, `below` or `agrees`. */
  readonly against: 'above' | 'below' | 'agrees';
  /** For a screen reader and a tooltip: `simulated 85.9%, above static 30%`. */
  readonly label: string;
  /** Share of deliveries lost or late behind the bus. */
  readonly deferred: number;
  readonly deferredText: string;
  readonly deliveries: DeliveryTally;
}

export interface BlastRow {
  readonly component: string;
  readonly kind: ComponentKind;
  readonly staticShare: number;
  readonly staticText: string;
  /** Absent until the simulations have answered (or when the run was cut short). */
  readonly simulated?: Readonly<Record<InjectedFailure, BlastCell>>;
  /** One sentence per column that differs, and per deferred loss. */
  readonly why: readonly string[];
}

export interface BlastTable {
  readonly name: string;
  /** False: only the static column is known yet. */
  readonly simulated: boolean;
  /** Some components' runs were cut short. */
  readonly partial: boolean;
  readonly requests?: number;
  readonly seed?: number;
  readonly slowFactor?: number;
  /** The document has a bus (events): the deferred columns can be non-zero. */
  readonly hasBus: boolean;
  readonly rows: readonly BlastRow[];
}

/** `30%`, `97.7%`, `0.4%`, `0`: one decimal below 100, none for whole numbers. */
export function formatShare(share: number): string {
  if (share <= 0) return '0%';
  const percent = share * 100;
  if (percent >= 99.95) return '100%';
  const rounded = Math.round(percent * 10) / 10;
  return Number.isInteger(rounded) ? `${rounded}%` : `${rounded.toFixed(1)}%`;
}

/** Shown in the deferred columns of a document with nothing behind a bus. */
export const NO_BUS = '–';

function cell(failure: FailureBlastRadius, staticShare: number, hasBus: boolean): BlastCell {
  const against = failure.agrees ? 'agrees' : failure.share > staticShare ? 'above' : 'below';
  const words = { agrees: 'agrees with', above: 'above', below: 'below' }[against];
  return {
    share: failure.share,
    text: formatShare(failure.share),
    differs: !failure.agrees,
    against,
    label: `${formatShare(failure.share)}, ${words} static ${formatShare(staticShare)}`,
    deferred: failure.deferred,
    deferredText: hasBus ? formatShare(failure.deferred) : NO_BUS,
    deliveries: failure.deliveries,
  };
}

function cells(entry: ComponentBlastRadius, hasBus: boolean): Record<InjectedFailure, BlastCell> {
  const out = {} as Record<InjectedFailure, BlastCell>;
  for (const kind of INJECTED_FAILURES) out[kind] = cell(entry[kind], entry.staticShare, hasBus);
  return out;
}

export interface BlastTableOptions {
  /** Names of the document's datastores, so rows can say what each component is. */
  readonly datastores?: readonly string[];
}

/** The table for a check result, with or without its simulations. */
export function blastTable(result: CheckResult, options: BlastTableOptions = {}): BlastTable {
  const datastores = new Set(options.datastores ?? []);
  const statics = result.analyses.blastRadius;
  const simulated = result.simulated;
  const hasBus = Object.hasOwn(statics, 'bus');
  const rows: BlastRow[] = Object.entries(statics).map(([component, entry]) => {
    const measured = simulated?.components[component];
    const kind: ComponentKind =
      component === 'bus' ? 'bus' : datastores.has(component) ? 'datastore' : 'service';
    return {
      component,
      kind,
      staticShare: entry.share,
      staticText: formatShare(entry.share),
      ...(measured === undefined ? {} : { simulated: cells(measured, hasBus) }),
      why: measured?.why ?? [],
    };
  });
  return {
    name: result.name,
    simulated: simulated !== undefined,
    partial: simulated?.partial ?? false,
    ...(simulated === undefined
      ? {}
      : { requests: simulated.requests, seed: simulated.seed, slowFactor: simulated.slowFactor }),
    hasBus,
    rows,
  };
}

/** The line above the table: which columns it shows, and from how many requests. */
export function blastStatus(table: BlastTable, progress?: { done: number; total: number }): string {
  if (!table.simulated) {
    const runs = progress ? ` (run ${progress.done} of ${progress.total})` : '';
    return `Showing the static column, read from the call graph; simulating down, hang and slow${runs}…`;
  }
  const cut = table.partial
    ? ' Some runs were cut short; their rows show the static column only.'
    : '';
  return (
    `Showing static and simulated columns: ${table.requests?.toLocaleString('en-GB') ?? ''} ` +
    `requests per run, seed ${table.seed ?? ''}.${cut}`
  );
}

/** The line under the table: how to read the marks, and what the deferred columns hold. */
export function blastLegend(table: BlastTable): string {
  const marks =
    "▲ above the static share, ▼ below it, beyond the run's noise; unmarked numbers agree with it. " +
    "Lost means failed, never answered, or slower than the endpoint's objective.";
  const deferred = table.hasBus
    ? ' Deferred: deliveries behind the bus dead-lettered, dropped, stuck or late.'
    : ` No events in this design: nothing runs behind a bus, so the deferred columns show ${NO_BUS}.`;
  return marks + deferred;
}

/** What one component's failure did, for the deferred-loss callout. */
export interface FocusFailure {
  readonly failure: InjectedFailure;
  /** `Users lost 0 of their requests`. */
  readonly users: string;
  readonly usersShare: number;
  /** `190 of 190 deliveries dead-lettered`, or `every delivery made` */
  readonly work: string;
  readonly deferred: number;
  readonly delivered: number;
  readonly expected: number;
}

/** The deferred losses of one component, failure by failure; undefined before the simulations. */
export function focusFailures(table: BlastTable, component: string): FocusFailure[] | undefined {
  const row = table.rows.find((r) => r.component === component);
  if (!row?.simulated) return undefined;
  return INJECTED_FAILURES.map((failure) => {
    const c = (row.simulated as Record<InjectedFailure, BlastCell>)[failure];
    const d = c.deliveries;
    const lost: string[] = [];
    if (d.deadLettered > 0) lost.push(`${d.deadLettered} dead-lettered`);
    if (d.dropped > 0) lost.push(`${d.dropped} dropped`);
    if (d.stuck > 0) lost.push(`${d.stuck} never delivered`);
    if (d.late > 0) lost.push(`${d.late} late`);
    const work =
      d.expected === 0
        ? 'nothing published'
        : lost.length === 0
          ? `all ${d.expected} deliveries made on time`
          : `${lost.join(', ')} of ${d.expected} deliveries`;
    return {
      failure,
      users: `users lost ${formatShare(c.share)} of their requests`,
      usersShare: c.share,
      work,
      deferred: c.deferred,
      delivered: d.onTime,
      expected: d.expected,
    };
  });
}
