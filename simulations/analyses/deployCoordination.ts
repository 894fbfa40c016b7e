/**
 * Deploy coordination: for each change, how it reaches production (one service alone, a lockstep
 * group, or independent releases in sequence), which teams must act, how long it takes under the
 * document's release style and how likely the coordinated release is to fail.
 *
 * Every library, datastore, event and operation is a target. A target the document's `changes`
 * do not name gets the default mix (`changeMix.ts`): one entry per nature, breaking first, each
 * weighted by its share. A target the document names gets exactly its entries instead: what the
 * author says about a target replaces what the analysis would assume.
 */
import type { Change, ChangePath, Model } from '../model/types.ts';
import { CHANGE_MIX, type MixRow } from './changeMix.ts';
import { checkEventChange, nextVersionName } from './eventRules.ts';
import { formatList, formatShortList, plural } from './format.ts';
import { callersOf, operationKey, queriersOf, sorted, usersOf } from './graph.ts';
import { groupTeams, namedTeams, primaryTeam, teamCount, teamsOf } from './ownership.ts';
import type { ChangeNature, DeployAnalysis, DeployChange, ReleasePath } from './types.ts';

export { teamCount } from './ownership.ts';

/** Every target, each changed in a breaking way, in document order: the default set's targets. */
export function defaultChanges(model: Model): Change[] {
  const changes: Change[] = [];
  for (const name of Object.keys(model.libraries)) {
    changes.push({ target: name, targetKind: 'library', breaking: true });
  }
  for (const name of Object.keys(model.datastores)) {
    changes.push({ target: name, targetKind: 'datastore', breaking: true });
  }
  for (const name of Object.keys(model.events)) {
    changes.push({ target: name, targetKind: 'event', breaking: true });
  }
  for (const service of Object.values(model.services)) {
    for (const op of Object.keys(service.operations)) {
      changes.push({
        target: operationKey(service.name, op),
        targetKind: 'operation',
        breaking: true,
      });
    }
  }
  return changes;
}

/** The default mix of every target the document does not name, then the document's changes. */
export function deployCoordination(model: Model): DeployAnalysis {
  const named = new Map<string, number>();
  for (const c of model.changes) named.set(c.target, (named.get(c.target) ?? 0) + 1);
  const changes: DeployChange[] = [];
  for (const target of defaultChanges(model)) {
    if (named.has(target.target)) continue;
    const mix = CHANGE_MIX[mixRow(model, target)];
    // Breaking first, so a lookup by target finds the change that coordinates the most.
    for (const nature of ['breaking', 'additive', 'internal'] as const) {
      if (mix[nature] <= 0) continue;
      const change = { ...target, breaking: nature === 'breaking' };
      changes.push(analyseChange(model, change, 'default', { nature, likelihood: mix[nature] }));
    }
  }
  for (const c of model.changes) {
    changes.push(
      analyseChange(model, c, 'document', { likelihood: 1 / (named.get(c.target) ?? 1) }),
    );
  }
  const sizes = changes.map((c) => c.lockstep.length);
  const weight = changes.reduce((sum, c) => sum + c.likelihood, 0);
  return {
    changes,
    largestLockstep: sizes.length === 0 ? 0 : Math.max(...sizes),
    meanLockstep:
      weight === 0
        ? 0
        : changes.reduce((sum, c) => sum + c.likelihood * c.lockstep.length, 0) / weight,
  };
}

/** Which row of the default mix a target takes. */
export function mixRow(model: Model, change: Change): MixRow {
  if (change.targetKind !== 'library') return change.targetKind;
  return model.libraries[change.target]?.kind === 'model' ? 'model library' : 'code library';
}

export interface AnalyseOptions {
  /** What the change is; default: `breaking` when it breaks, else `additive`. */
  readonly nature?: ChangeNature;
  /** Share of the target's changes this one stands for (default 1). */
  readonly likelihood?: number;
}

/** One change's release path, lockstep group, teams, lead time and failure risk. */
export function analyseChange(
  model: Model,
  change: Change,
  origin: DeployChange['origin'],
  options: AnalyseOptions = {},
): DeployChange {
  const plan = releasePlan(model, change, options.nature);
  const lockstep = sorted(plan.lockstep);
  const sequence =
    plan.owner === undefined ? [] : releaseSequence(model, plan.owner, plan.migrators);
  const sequenced = plan.path === 'expand-contract' || plan.path === 'new-version';
  return {
    target: change.target,
    breaking: plan.breaking,
    lockstep,
    teams: namedTeams(model, sequenced ? sequence : lockstep),
    leadTimeMs: sequenced ? sequenceLeadTime(model, sequence) : leadTime(model, lockstep),
    failureRisk: failureRisk(model, lockstep),
    targetKind: change.targetKind,
    origin,
    reason: plan.reason,
    nature: options.nature ?? (plan.breaking ? 'breaking' : 'additive'),
    likelihood: options.likelihood ?? 1,
    path: plan.path,
    sequence,
    coordinated: lockstep.length >= 2 || teamCount(model, lockstep) >= 2,
  };
}

/** How a change ships: the path, who deploys together, and for a sequence who goes first. */
export interface ReleasePlan {
  readonly breaking: boolean;
  readonly path: ReleasePath;
  readonly lockstep: ReadonlySet<string>;
  /** Sequences: the service that expands first and contracts last. */
  readonly owner?: string;
  /** Sequences: the services that move over in between, each in its own release. */
  readonly migrators: readonly string[];
  readonly reason: string;
}

/** The release plan of a change; `nature` tells the default mix's internal and additive ones. */
export function releasePlan(model: Model, change: Change, nature?: ChangeNature): ReleasePlan {
  switch (change.targetKind) {
    case 'library':
      return libraryPlan(model, change, nature);
    case 'datastore':
      return datastorePlan(model, change, nature);
    case 'operation':
      return operationPlan(model, change, nature);
    case 'event':
      return eventPlan(model, change, nature);
  }
}

function alone(breaking: boolean, service: string | undefined, reason: string): ReleasePlan {
  return {
    breaking,
    path: 'alone',
    lockstep: new Set(service === undefined ? [] : [service]),
    migrators: [],
    reason,
  };
}

/** A lockstep group; a group of one is a release of that service alone. */
function together(breaking: boolean, services: ReadonlySet<string>, reason: string): ReleasePlan {
  return {
    breaking,
    path: services.size >= 2 ? 'lockstep' : services.size === 1 ? 'alone' : 'versioned',
    lockstep: services,
    migrators: [],
    reason,
  };
}

function sequenced(
  path: 'expand-contract' | 'new-version',
  owner: string,
  others: Iterable<string>,
  reason: string,
): ReleasePlan {
  const migrators = [...others].filter((s) => s !== owner);
  return { breaking: true, path, lockstep: new Set([owner]), owner, migrators, reason };
}

function libraryPlan(model: Model, change: Change, nature?: ChangeNature): ReleasePlan {
  const library = model.libraries[change.target];
  const users = usersOf(model, change.target);
  const target = `\`${change.target}\``;
  const breaking = change.breaking !== false;
  const names = formatShortList(sorted(users));
  if (library?.kind === 'code' && library.lockstep) {
    return together(
      breaking,
      users,
      `${target} is released in lockstep, so every service using it (${names}) deploys each of its releases together.`,
    );
  }
  if (library?.kind === 'model' && breaking) {
    return together(
      true,
      users,
      `${target} carries wire types, so a breaking change to it ships with every service using it (${names}).`,
    );
  }
  const versioned = (reason: string): ReleasePlan => ({
    breaking,
    path: 'versioned',
    lockstep: new Set(),
    migrators: [],
    reason,
  });
  if (library?.kind === 'model') {
    return versioned(
      nature === 'internal'
        ? `An internal change to ${target} leaves its types as they are; users take it up when they next build.`
        : `An additive change to ${target} keeps its wire types compatible; users take it up when they next build.`,
    );
  }
  return versioned(
    `${target} is versioned: each of its ${plural(users.size, 'user')} upgrades on its own schedule, so no deploy waits on another.`,
  );
}

function datastorePlan(model: Model, change: Change, nature?: ChangeNature): ReleasePlan {
  const queriers = queriersOf(model, change.target);
  const owner = model.datastores[change.target]?.owner;
  // A datastore without an owner is maintained by the first service that queries it.
  const maintainer = owner ?? [...queriers][0];
  const target = `\`${change.target}\``;
  const by = maintainer === undefined ? 'nobody' : `\`${maintainer}\``;
  if (change.breaking === false || nature === 'internal' || nature === 'additive') {
    return alone(
      false,
      maintainer,
      nature === 'internal'
        ? `An internal change to ${target} (an index, a query plan) is made by ${by} alone.`
        : `An additive change to ${target} (a new column or table) is migrated by ${by}; every other querier keeps working.`,
    );
  }
  const others = sorted([...queriers].filter((s) => s !== maintainer));
  if (change.via === 'expand-contract' && maintainer !== undefined) {
    return sequenced(
      'expand-contract',
      maintainer,
      others,
      `${by} adds the new schema of ${target} beside the old${others.length > 0 ? `, ${moveOver(others)},` : ''} then drops the old: independent releases in sequence, no lockstep.`,
    );
  }
  const group = new Set(queriers);
  // A datastore nobody queries still has its owner to migrate it.
  if (group.size === 0 && owner !== undefined) group.add(owner);
  return together(
    true,
    group,
    group.size >= 2
      ? `Every service querying ${target} must deploy with its schema change (expand/contract would avoid it).`
      : `Only ${by} uses ${target}, so it ships the schema change alone.`,
  );
}

function operationPlan(model: Model, change: Change, nature?: ChangeNature): ReleasePlan {
  const [service = '', operation = ''] = splitOperation(change.target);
  const target = `\`${change.target}\``;
  if (change.breaking === false || nature === 'internal' || nature === 'additive') {
    return alone(
      false,
      service,
      nature === 'internal'
        ? `An internal change to ${target} ships with \`${service}\` alone.`
        : `A compatible change to ${target} ships with \`${service}\` alone; its callers are unaffected.`,
    );
  }
  const callers = sorted(callersOf(model, service, operation));
  if (callers.length === 0) {
    return alone(
      true,
      service,
      `${target} has no callers in other services, so \`${service}\` ships it alone.`,
    );
  }
  if (change.via === 'expand-contract') {
    return sequenced(
      'expand-contract',
      service,
      callers,
      `\`${service}\` serves the new form of ${target} beside the old, ${moveOver(callers)}, then the old one goes: independent releases in sequence, no lockstep.`,
    );
  }
  return together(
    true,
    new Set([service, ...callers]),
    `${target} and every service calling it (${formatShortList(callers)}) must deploy together (expand/contract would avoid it).`,
  );
}

function eventPlan(model: Model, change: Change, nature?: ChangeNature): ReleasePlan {
  const event = model.events[change.target];
  if (event === undefined) throw new Error(`unknown event "${change.target}"`);
  const consumers = sorted(new Set(event.consumers.map((c) => c.service)));
  const target = `\`${change.target}\``;
  const publisher = event.publisher;
  if (nature === 'internal') {
    return alone(
      false,
      publisher,
      `An internal change to ${target} keeps its fields: \`${publisher}\` ships alone.`,
    );
  }
  let breaking: boolean;
  let why: string;
  if (nature === 'additive') {
    // A new optional field with a default: safe exactly when every consumer keeps rules 2 and 3.
    const check = checkEventChange(event, {
      add: { [freshField(event.fields)]: { type: 'string', required: false, default: '' } },
    });
    breaking = check.breaking;
    why = breaking
      ? check.summary
      : `A new optional field keeps the event rules: \`${publisher}\` ships ${target} alone.`;
  } else if (change.breaking !== undefined) {
    breaking = change.breaking;
    why = breaking
      ? `A breaking change to ${target} needs a new event (rule 4).`
      : `Declared non-breaking: ${target}'s publisher ships alone.`;
  } else {
    const check = checkEventChange(event, { add: change.add, remove: change.remove });
    breaking = check.breaking;
    why = check.summary;
  }
  if (!breaking) return alone(false, publisher, why);
  const path: ChangePath = change.via ?? 'new-version';
  if (path === 'lockstep') {
    return together(
      true,
      new Set([publisher, ...consumers]),
      `${ensureSentence(why)} Changed in place, it ships with its publisher and every consumer (${formatList(consumers)}).`,
    );
  }
  // Event rule 4, the checker's own advice: publish a new version beside the old one.
  return sequenced(
    'new-version',
    publisher,
    consumers,
    `${ensureSentence(why)} \`${nextVersionName(change.target)}\` is published beside it: \`${publisher}\` ships first${consumers.length > 0 ? `, ${moveOver(consumers)}` : ''}, then \`${publisher}\` retires ${target}; no lockstep.`,
  );
}

/** The releases of a sequence: the owner, the others grouped by team (the owner's first), the owner. */
export function releaseSequence(
  model: Model,
  owner: string,
  migrators: readonly string[],
): string[] {
  if (migrators.length === 0) return [owner];
  const home = primaryTeam(model, owner);
  const byTeam = new Map<string, string[]>([[home, []]]);
  for (const s of migrators) {
    const team = primaryTeam(model, s);
    byTeam.set(team, [...(byTeam.get(team) ?? []), s]);
  }
  return [owner, ...[...byTeam.values()].flat(), owner];
}

/**
 * Milliseconds from the first deploy's start to the last deploy's end of one coordinated release.
 * One-click: the group deploys at once, so the slowest deploy sets the pace. Per-team: deploys
 * run one after another and each team beyond the first adds a handoff, the teams of a release
 * train included.
 */
export function leadTime(model: Model, services: readonly string[]): number {
  const durations = services.map((s) => deployDuration(model, s));
  if (durations.length === 0) return 0;
  if (model.organization.release === 'one-click') return Math.max(...durations);
  const sum = durations.reduce((a, b) => a + b, 0);
  return sum + model.organization.handoff * (groupTeams(model, services).length - 1);
}

/**
 * Lead time of independent releases in sequence (expand/contract, a new event version): the
 * owner's first release, then the others' (in parallel across teams, one after another within a
 * team, a handoff to and from each other team), then the owner's last release. One-click: the
 * others ship at once, with no handoffs. Per-team, each release of a release train also waits a
 * handoff per extra team.
 */
export function sequenceLeadTime(model: Model, sequence: readonly string[]): number {
  const owner = sequence[0];
  if (owner === undefined) return 0;
  const migrators = sequence.slice(1, -1);
  const ends = sequence.length > 1 ? 2 : 1;
  if (model.organization.release === 'one-click') {
    const middle = Math.max(0, ...migrators.map((s) => deployDuration(model, s)));
    return ends * deployDuration(model, owner) + middle;
  }
  const { handoff } = model.organization;
  const release = (s: string) =>
    deployDuration(model, s) + handoff * (teamsOf(model, s).length - 1);
  const home = primaryTeam(model, owner);
  const perTeam = new Map<string, number>();
  for (const s of migrators) {
    const team = primaryTeam(model, s);
    perTeam.set(team, (perTeam.get(team) ?? (team === home ? 0 : 2 * handoff)) + release(s));
  }
  return ends * release(owner) + Math.max(0, ...perTeam.values());
}

/** 1 − Π(1 − failureRate): the chance that at least one deploy in the group fails. */
export function failureRisk(model: Model, services: readonly string[]): number {
  const ok = services.reduce((p, s) => p * (1 - (model.services[s]?.deploy.failureRate ?? 0)), 1);
  return 1 - ok;
}

export function teamOf(model: Model, service: string): string | undefined {
  return model.services[service]?.team;
}

function deployDuration(model: Model, service: string): number {
  return model.services[service]?.deploy.duration ?? 0;
}

function splitOperation(target: string): string[] {
  const dot = target.indexOf('.');
  return [target.slice(0, dot), target.slice(dot + 1)];
}

/** A field name the event does not have yet, for the default mix's additive change. */
function freshField(fields: Readonly<Record<string, unknown>>): string {
  let name = 'newField';
  for (let i = 2; name in fields; i++) name = `newField${i}`;
  return name;
}

function ensureSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `shipping moves over in its own release`, `a and b move over in their own releases`. */
function moveOver(services: readonly string[]): string {
  return services.length === 1
    ? `${services[0]} moves over in its own release`
    : `${formatShortList(services)} move over in their own releases`;
}
