/**
 * Deploy coordination: for each breaking change, which services must deploy together (the
 * lockstep group), which teams that involves, how long the release takes under the document's
 * release style and how likely it is that at least one deploy fails.
 *
 * The analysed changes are the default set (every library, datastore, event and operation
 * changed in a breaking way, so the scorecard always sees the whole system) followed by the
 * document's own `changes`, the what-ifs an author wants answered.
 */
import type { Change, Model } from '../model/types.ts';
import { checkEventChange } from './eventRules.ts';
import { callersOf, operationKey, queriersOf, sorted, usersOf } from './graph.ts';
import type { DeployAnalysis, DeployChange } from './types.ts';

/** Every library, datastore, event and operation changed in a breaking way, in document order. */
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

/** The default changes, then the document's; sizes and lead times under its organisation. */
export function deployCoordination(model: Model): DeployAnalysis {
  const changes = [
    ...defaultChanges(model).map((c) => analyseChange(model, c, 'default')),
    ...model.changes.map((c) => analyseChange(model, c, 'document')),
  ];
  const sizes = changes.map((c) => c.lockstep.length);
  return {
    changes,
    largestLockstep: sizes.length === 0 ? 0 : Math.max(...sizes),
    meanLockstep: sizes.length === 0 ? 0 : sizes.reduce((a, b) => a + b, 0) / sizes.length,
  };
}

/** One change's lockstep group, teams, lead time and failure risk. */
export function analyseChange(
  model: Model,
  change: Change,
  origin: DeployChange['origin'],
): DeployChange {
  const { breaking, services, reason } = lockstepGroup(model, change);
  const lockstep = sorted(services);
  return {
    target: change.target,
    breaking,
    lockstep,
    teams: sorted(new Set(lockstep.flatMap((s) => teamOf(model, s) ?? []))),
    leadTimeMs: leadTime(model, lockstep),
    failureRisk: failureRisk(model, lockstep),
    targetKind: change.targetKind,
    origin,
    reason,
  };
}

interface Group {
  readonly breaking: boolean;
  readonly services: ReadonlySet<string>;
  readonly reason: string;
}

/** The spec's lockstep rules; a non-breaking change ships with the one service that makes it. */
export function lockstepGroup(model: Model, change: Change): Group {
  const target = `\`${change.target}\``;
  switch (change.targetKind) {
    case 'library': {
      const users = usersOf(model, change.target);
      if (change.breaking === false) {
        return {
          breaking: false,
          services: new Set(),
          reason: `Users of ${target} upgrade when they like.`,
        };
      }
      return {
        breaking: true,
        services: users,
        reason: `Every service using ${target} must deploy with it.`,
      };
    }
    case 'datastore': {
      const queriers = queriersOf(model, change.target);
      const owner = model.datastores[change.target]?.owner;
      if (change.breaking === false) {
        return {
          breaking: false,
          services: new Set(owner === undefined ? [] : [owner]),
          reason: `Every service querying ${target} keeps working across the change.`,
        };
      }
      // A datastore nobody queries still has its owner to migrate it.
      if (queriers.size === 0 && owner !== undefined) queriers.add(owner);
      return {
        breaking: true,
        services: queriers,
        reason: `Every service querying ${target} must deploy with its schema change.`,
      };
    }
    case 'operation': {
      const [service = '', operation = ''] = splitOperation(change.target);
      if (change.breaking === false) {
        return {
          breaking: false,
          services: new Set([service]),
          reason: `Callers of ${target} are unaffected.`,
        };
      }
      const group = callersOf(model, service, operation);
      group.add(service);
      return {
        breaking: true,
        services: group,
        reason: `${target} and every service calling it must deploy together.`,
      };
    }
    case 'event':
      return eventGroup(model, change);
  }
}

function eventGroup(model: Model, change: Change): Group {
  const event = model.events[change.target];
  if (event === undefined) throw new Error(`unknown event "${change.target}"`);
  const everyone = new Set([event.publisher, ...event.consumers.map((c) => c.service)]);
  const publisherOnly = new Set([event.publisher]);
  const target = `\`${change.target}\``;
  if (change.breaking === true) {
    return {
      breaking: true,
      services: everyone,
      reason: `A breaking change to ${target} ships with its publisher and every consumer.`,
    };
  }
  if (change.breaking === false) {
    return {
      breaking: false,
      services: publisherOnly,
      reason: `Declared non-breaking: ${target}'s publisher ships alone.`,
    };
  }
  const check = checkEventChange(event, { add: change.add, remove: change.remove });
  return {
    breaking: check.breaking,
    services: check.breaking ? everyone : publisherOnly,
    reason: check.summary,
  };
}

/**
 * Milliseconds from the first deploy's start to the last deploy's end. One-click: the group
 * deploys at once, so the slowest deploy sets the pace. Per-team: deploys run one after another
 * and each team beyond the first adds a handoff.
 */
export function leadTime(model: Model, services: readonly string[]): number {
  const durations = services.map((s) => model.services[s]?.deploy.duration ?? 0);
  if (durations.length === 0) return 0;
  if (model.organization.release === 'one-click') return Math.max(...durations);
  const sum = durations.reduce((a, b) => a + b, 0);
  return sum + model.organization.handoff * (teamCount(model, services) - 1);
}

/** 1 − Π(1 − failureRate): the chance that at least one deploy in the group fails. */
export function failureRisk(model: Model, services: readonly string[]): number {
  const ok = services.reduce((p, s) => p * (1 - (model.services[s]?.deploy.failureRate ?? 0)), 1);
  return 1 - ok;
}

/** Distinct teams, counting services without a team as one implicit team of their own. */
export function teamCount(model: Model, services: readonly string[]): number {
  return new Set(services.map((s) => teamOf(model, s) ?? '')).size;
}

export function teamOf(model: Model, service: string): string | undefined {
  return model.services[service]?.team;
}

function splitOperation(target: string): string[] {
  const dot = target.indexOf('.');
  return [target.slice(0, dot), target.slice(dot + 1)];
}
