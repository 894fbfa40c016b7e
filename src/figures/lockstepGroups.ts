/**
 * Lockstep groups as a matrix: one row per group of services that must ship together (changes
 * that ship the same way with the same services share a row), one column per service, a filled
 * square where a service deploys in that group, coloured by its team. A sequence of independent
 * releases (expand/contract, a new event version) draws its release order in hollow squares
 * instead, because nobody waits for anybody there. Beside each row: how it ships, its lead time
 * and its failure risk, all read from the deploy analysis; nothing here decides a group.
 */
import * as Plot from '@observablehq/plot';
import { formatDuration, formatPercent } from '../../simulations/analyses/format.ts';
import type {
  DeployAnalysis,
  DeployChange,
  ReleasePath,
} from '../../simulations/analyses/types.ts';
import type { Model } from '../../simulations/model/types.ts';

/**
 * Team colours: Okabe–Ito hues, vermillion left out because the site keeps it for failure.
 * Every one is at least 3:1 against both themes' backgrounds.
 */
export const TEAM_COLOURS: readonly string[] = [
  '#0072B2',
  '#009E73',
  '#E69F00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
];
/** For services without a team. */
export const NO_TEAM_COLOUR = '#999999';
const NO_TEAM = 'no team';

export type GroupsShown = 'coordinated' | 'all';

export interface LockstepGroupsOptions {
  /** Service → team (or `null`); default: the teams the changes name are not per service, so none. */
  readonly teams?: Readonly<Record<string, string | null>>;
  /** Column order; default the services in any shown row, grouped by team, then by name. */
  readonly services?: readonly string[];
  /** `coordinated` (default): groups of two or more, release trains, sequences; `all` adds the rest. */
  readonly show?: GroupsShown;
  /** Rows kept (default all); the rest are counted in `hidden`. */
  readonly limit?: number;
}

/** One row: the changes that ship the same way with the same services. */
export interface GroupRow {
  readonly key: string;
  /** The costliest change of the row (longest lead time, then most likely). */
  readonly target: string;
  /** Every target on the row, the costliest first. */
  readonly targets: readonly string[];
  /** `shop-db`, or `shop-db +1` when another target ships the same way. */
  readonly label: string;
  readonly path: ReleasePath;
  /** `lockstep`, `release train (3 teams)`, `expand/contract`, `new version`, `alone`. */
  readonly pathLabel: string;
  /**
   * What ties the row together, in two or three words: `shared models`, `shared datastore`,
   * `API and callers`, `event and consumers`, `shared code`, or the path of a train or sequence.
   */
  readonly cause: string;
  /** The services in the row, in column order. */
  readonly services: readonly string[];
  /** For a sequence: each service's releases, numbered from 1 (the owner has the first and last). */
  readonly order: Readonly<Record<string, readonly number[]>>;
  readonly teams: readonly string[];
  readonly leadTimeMs: number;
  readonly failureRisk: number;
  readonly coordinated: boolean;
  /** The analysis's sentence for the costliest change. */
  readonly reason: string;
  /** `10 services · 3 teams · 2 d 1 h · fails 18.3%`. */
  readonly facts: string;
}

export interface GroupCell {
  readonly row: string;
  readonly service: string;
  readonly team: string;
  readonly colour: string;
  /** `filled`: deploys in lockstep (or alone); `step`: one release of a sequence. */
  readonly kind: 'filled' | 'step';
  /** Release numbers for a step cell ("1, 5"), empty for a filled one. */
  readonly text: string;
  /** Hover text: "orders: checkout, deploys with the group". */
  readonly title: string;
}

export interface LockstepGroupsData {
  readonly rows: readonly GroupRow[];
  readonly columns: readonly { readonly service: string; readonly team: string }[];
  readonly cells: readonly GroupCell[];
  /** Teams in column order, each with its colour, for the legend. */
  readonly legend: readonly { readonly team: string; readonly colour: string }[];
  /** Rows left out by `limit`. */
  readonly hidden: number;
  /** Rows before `limit`. */
  readonly total: number;
  /** Rows of each kind before `limit`, for the sentence. */
  readonly counts: {
    readonly lockstep: number;
    readonly trains: number;
    readonly sequences: number;
  };
}

/**
 * Service → team name (or `null`) of a model, for `teams`. A service without a `team` whose
 * modules have teams (the monolith) is owned by all of them together: "checkout + fulfilment".
 */
export function serviceTeams(model: Model): Record<string, string | null> {
  return Object.fromEntries(
    Object.values(model.services).map((s) => {
      if (s.team !== undefined) return [s.name, s.team];
      const moduleTeams = [...new Set(Object.values(s.modules).map((m) => m.team))].sort();
      return [s.name, moduleTeams.length > 0 ? moduleTeams.join(' + ') : null];
    }),
  );
}

const sequenced = (c: DeployChange) => c.path === 'expand-contract' || c.path === 'new-version';

/** How the change ships, as a reader says it. */
export function pathLabel(c: Pick<DeployChange, 'path' | 'lockstep' | 'teams'>): string {
  if (c.path === 'expand-contract') return 'expand/contract';
  if (c.path === 'new-version') return 'new version';
  if (c.lockstep.length === 1 && c.teams.length >= 2) {
    return `release train (${c.teams.length} teams)`;
  }
  return c.path;
}

/** The rows, columns and cells the view draws; its tests assert on this. */
export function lockstepGroups(
  deploy: DeployAnalysis,
  options: LockstepGroupsOptions = {},
): LockstepGroupsData {
  const { teams = {}, show = 'coordinated', limit = Number.POSITIVE_INFINITY } = options;
  if (!(limit >= 0)) throw new RangeError(`limit must be 0 or more, not ${limit}`);
  const teamOf = (s: string) => teams[s] ?? NO_TEAM;
  const byKey = new Map<string, DeployChange[]>();
  for (const c of deploy.changes) {
    if (c.path === 'versioned' || c.lockstep.length === 0) continue;
    if (show === 'coordinated' && !c.coordinated && !sequenced(c)) continue;
    const key = `${c.path}|${c.lockstep.join()}|${c.sequence.join()}`;
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const grouped = [...byKey.entries()].map(([key, changes]) => {
    const sorted = [...changes].sort(
      (a, b) => b.leadTimeMs - a.leadTimeMs || b.likelihood - a.likelihood,
    );
    const head = sorted[0] as DeployChange;
    const targets = [...new Set(sorted.map((c) => c.target))];
    return { key, head, targets };
  });
  // Coordinated groups first (largest first), then sequences, then what ships alone: a sequence
  // touches several services but makes none of them wait.
  grouped.sort(
    (a, b) =>
      rank(a.head) - rank(b.head) ||
      size(b.head) - size(a.head) ||
      b.head.leadTimeMs - a.head.leadTimeMs ||
      a.head.target.localeCompare(b.head.target),
  );
  const kept = grouped.slice(0, limit);
  const inRows = new Set(kept.flatMap((g) => members(g.head)));
  const columns = orderColumns(
    options.services?.filter((s) => inRows.has(s)) ?? [...inRows],
    teamOf,
  );
  const columnIndex = new Map(columns.map((s, i) => [s, i]));
  const teamNames = [...new Set(columns.map(teamOf))];
  const colourOf = (team: string) =>
    team === NO_TEAM
      ? NO_TEAM_COLOUR
      : (TEAM_COLOURS[teamNames.filter((t) => t !== NO_TEAM).indexOf(team) % TEAM_COLOURS.length] ??
        NO_TEAM_COLOUR);

  const rows: GroupRow[] = [];
  const cells: GroupCell[] = [];
  for (const { key, head, targets } of kept) {
    const services = members(head).sort(
      (a, b) => (columnIndex.get(a) ?? 0) - (columnIndex.get(b) ?? 0),
    );
    const order: Record<string, number[]> = {};
    head.sequence.forEach((s, i) => {
      order[s] = [...(order[s] ?? []), i + 1];
    });
    const label = targets.length > 1 ? `${head.target} +${targets.length - 1}` : head.target;
    const row: GroupRow = {
      key,
      target: head.target,
      targets,
      label,
      path: head.path,
      pathLabel: pathLabel(head),
      cause: causeOf(head),
      services,
      order,
      teams: head.teams,
      leadTimeMs: head.leadTimeMs,
      failureRisk: head.failureRisk,
      coordinated: head.coordinated,
      reason: head.reason,
      facts: factsOf(head, services.length),
    };
    rows.push(row);
    for (const service of services) {
      const team = teamOf(service);
      const steps = order[service];
      cells.push({
        row: label,
        service,
        team,
        colour: colourOf(team),
        kind: steps === undefined ? 'filled' : 'step',
        text: steps === undefined ? '' : steps.join(', '),
        title:
          steps === undefined
            ? `${service} (${team}) deploys with ${label}`
            : `${service} (${team}): release ${steps.join(' and ')} of ${head.sequence.length}, on its own`,
      });
    }
  }
  return {
    rows,
    columns: columns.map((service) => ({ service, team: teamOf(service) })),
    cells,
    legend: teamNames.map((team) => ({ team, colour: colourOf(team) })),
    hidden: grouped.length - kept.length,
    total: grouped.length,
    counts: {
      lockstep: grouped.filter((g) => g.head.path === 'lockstep').length,
      trains: grouped.filter((g) => pathLabel(g.head).startsWith('release train')).length,
      sequences: grouped.filter((g) => sequenced(g.head)).length,
    },
  };
}

/** What ties a row together, short enough for the chart's right-hand column. */
function causeOf(c: DeployChange): string {
  if (c.path !== 'lockstep') return pathLabel(c);
  switch (c.targetKind) {
    case 'library':
      return c.reason.includes('wire types') ? 'shared models' : 'shared code';
    case 'datastore':
      return 'shared datastore';
    case 'event':
      return 'event and consumers';
    case 'operation':
      return 'API and callers';
  }
}

/** Services that deploy for the change: the sequence's (each once) or the lockstep group. */
function members(c: DeployChange): string[] {
  return [...new Set(c.sequence.length > 0 ? c.sequence : c.lockstep)];
}

function rank(c: DeployChange): number {
  if (sequenced(c)) return 1;
  return c.coordinated ? 0 : 2;
}

function size(c: DeployChange): number {
  return members(c).length;
}

function orderColumns(services: readonly string[], teamOf: (s: string) => string): string[] {
  const teamsInOrder = [...new Set([...services].sort().map(teamOf))].sort((a, b) =>
    a === NO_TEAM ? 1 : b === NO_TEAM ? -1 : a.localeCompare(b),
  );
  return [...services].sort(
    (a, b) =>
      teamsInOrder.indexOf(teamOf(a)) - teamsInOrder.indexOf(teamOf(b)) || a.localeCompare(b),
  );
}

function factsOf(c: DeployChange, services: number): string {
  const parts = [
    `${services} service${services === 1 ? '' : 's'}`,
    `${c.teams.length} team${c.teams.length === 1 ? '' : 's'}`,
    formatDuration(c.leadTimeMs),
    sequenced(c)
      ? `fails ${formatPercent(c.failureRisk)} per release`
      : `fails ${formatPercent(c.failureRisk)}`,
  ];
  return parts.join(' · ');
}

/** One sentence for the summary line and the chart's description. */
export function describeGroups(data: LockstepGroupsData): string {
  const first = data.rows[0];
  if (first === undefined)
    return 'No change needs a coordinated release: every service ships alone.';
  const { lockstep, trains, sequences } = data.counts;
  const counts = [
    lockstep > 0 ? `${lockstep} lockstep group${lockstep === 1 ? '' : 's'}` : '',
    trains > 0 ? `${trains} release train${trains === 1 ? '' : 's'}` : '',
    sequences > 0
      ? `${sequences} sequence${sequences === 1 ? '' : 's'} of independent releases`
      : '',
  ].filter((s) => s !== '');
  const list =
    counts.length <= 1 ? counts.join('') : `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}`;
  const kind = first.path === 'lockstep' ? 'lockstep group' : first.pathLabel;
  return `${list.replace(/^./, (c) => c.toUpperCase())}. The largest, ${first.label}, is a ${kind} of ${first.facts.replace(' · fails', ', and fails').replaceAll(' · ', ', ')}.`;
}

export interface LockstepPlotOptions {
  /** Chart width in pixels (default 720). Below 560 the facts column is left to the list. */
  readonly width?: number;
}

const ROW_HEIGHT = 28;

/** The matrix as Plot options: squares per cell, row labels left, facts right. */
export function lockstepGroupsPlot(
  data: LockstepGroupsData,
  options: LockstepPlotOptions = {},
): Plot.PlotOptions {
  const { width = 720 } = options;
  const narrow = width < 560;
  const rowLabels = data.rows.map((r) => r.label);
  const longest = Math.max(6, ...rowLabels.map((l) => l.length));
  // On a phone long operation names are shortened (the list under the chart has them whole),
  // and the right margin only keeps the last rotated service name inside the frame.
  const shown = narrow ? 15 : 40;
  const marginLeft = 12 + Math.min(longest, shown) * 7;
  const marginRight = narrow ? 12 : 230;
  const longestService = Math.max(4, ...data.columns.map((c) => c.service.length));
  // Upright service names on a phone, where slanted ones would run out of the frame.
  const marginTop = 16 + Math.min(110, longestService * (narrow ? 7 : 5.2));
  const facts = data.rows.map((r) => ({
    row: r.label,
    text: `${r.cause} · ${formatDuration(r.leadTimeMs)} · ${formatPercent(r.failureRisk)}`,
  }));
  const filled = data.cells.filter((c) => c.kind === 'filled');
  const steps = data.cells.filter((c) => c.kind === 'step');
  return {
    width,
    height: marginTop + 24 + Math.max(1, data.rows.length) * ROW_HEIGHT,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom: 8,
    style: { fontSize: '13px', fontFamily: 'var(--font-sans)', background: 'transparent' },
    x: {
      domain: data.columns.map((c) => c.service),
      axis: 'top',
      label: null,
      tickRotate: narrow ? -90 : -40,
      tickSize: 0,
      padding: 0.12,
    },
    y: {
      domain: rowLabels,
      label: null,
      tickSize: 0,
      padding: 0.12,
      tickFormat: (l: string) => (l.length > shown ? `${l.slice(0, shown - 1)}…` : l),
    },
    marks: [
      Plot.cell(filled, {
        x: 'service',
        y: 'row',
        fill: 'colour',
        rx: 3,
        title: 'title',
      }),
      Plot.cell(steps, {
        x: 'service',
        y: 'row',
        stroke: 'colour',
        strokeWidth: 2,
        fill: 'none',
        rx: 3,
        inset: 1,
        title: 'title',
      }),
      Plot.text(steps, {
        x: 'service',
        y: 'row',
        text: 'text',
        fill: 'currentColor',
        fontWeight: 600,
        fontSize: 11,
      }),
      ...(narrow
        ? []
        : [
            Plot.text(facts, {
              y: 'row',
              text: 'text',
              frameAnchor: 'right',
              textAnchor: 'start',
              dx: 10,
              fill: 'currentColor',
            }),
          ]),
    ],
  };
}
