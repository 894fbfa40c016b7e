/**
 * The distributed-monolith scorecard: six symptoms, each with a value, a verdict and the evidence
 * behind it. Following the seeds, a symptom is `bad` only when it is costly: coupling that a
 * one-click release ships in minutes, or a datastore one team shares with itself, is a `warn`.
 */
import type { Model } from '../model/types.ts';
import { staticChattiness } from './chattiness.ts';
import { defaultChanges, teamCount } from './deployCoordination.ts';
import { formatDuration, formatList, formatPercent, formatShortList, plural } from './format.ts';
import { queriersOf, sorted, usersOf } from './graph.ts';
import { THRESHOLDS } from './thresholds.ts';
import type { DeployAnalysis, DeployChange, Measured, Scorecard, ScorecardEntry } from './types.ts';

export interface ScorecardOptions {
  /** The deploy analysis of the same model. */
  readonly deploy: DeployAnalysis;
  /** Simulation measurements that replace static estimates. */
  readonly measured?: Measured;
}

/** Scores the six symptoms of the spec's table. */
export function scorecard(model: Model, { deploy, measured = {} }: ScorecardOptions): Scorecard {
  return {
    changeCoupling: changeCoupling(model, deploy),
    lockstepDeploys: lockstepDeploys(model, deploy),
    chattiness: chattiness(model, measured),
    sharedTeams: sharedTeams(model),
    sharedDatastores: sharedDatastores(model),
    sharedModels: sharedModels(model),
  };
}

/** A coupled change is costly when releasing its group is slow (handoffs included). */
function isCostly(change: DeployChange): boolean {
  return change.lockstep.length >= 2 && change.leadTimeMs > THRESHOLDS.slowReleaseMs;
}

function releaseStyle(model: Model): string {
  return model.organization.release === 'one-click' ? 'one-click releases' : 'per-team releases';
}

function changeCoupling(model: Model, deploy: DeployAnalysis): ScorecardEntry {
  const defaults = deploy.changes.filter((c) => c.origin === 'default');
  const total = defaultChanges(model).length;
  const coupled = defaults.filter((c) => c.lockstep.length >= 2);
  const costly = coupled.filter(isCostly);
  const value = total === 0 ? 0 : coupled.length / total;
  const costlyShare = total === 0 ? 0 : costly.length / total;
  const evidence = [...costly, ...coupled.filter((c) => !isCostly(c))].map((c) => c.target);
  const counted = `${coupled.length} of ${total} changes (${formatPercent(value)})`;
  const worst = slowest(costly);
  if (worst !== undefined && costlyShare >= THRESHOLDS.costlyCouplingShare) {
    return {
      value,
      verdict: 'bad',
      evidence,
      why:
        `${counted} need two or more services, and ${costly.length} of them take over ` +
        `${formatDuration(THRESHOLDS.slowReleaseMs)} to release (\`${worst.target}\`: ` +
        `${plural(worst.lockstep.length, 'service')}, ${formatDuration(worst.leadTimeMs)}).`,
    };
  }
  if (value >= THRESHOLDS.changeCouplingShare) {
    return {
      value,
      verdict: 'warn',
      evidence,
      why:
        worst === undefined
          ? `${counted} need two or more services, but ${releaseStyle(model)} ship each within ` +
            `${formatDuration(THRESHOLDS.slowReleaseMs)}, so the coupling is cheap for now.`
          : `${counted} need two or more services; ${costly.length} of them take over ` +
            `${formatDuration(THRESHOLDS.slowReleaseMs)} to release (\`${worst.target}\`: ` +
            `${formatDuration(worst.leadTimeMs)}), the rest ship quickly.`,
    };
  }
  return {
    value,
    verdict: 'ok',
    evidence,
    why:
      coupled.length === 0
        ? `Every one of the ${total} changes ships with a single service.`
        : `Only ${counted} need two or more services; the rest ship alone.`,
  };
}

function lockstepDeploys(model: Model, deploy: DeployAnalysis): ScorecardEntry {
  const value = deploy.largestLockstep;
  const largest = slowest(deploy.changes.filter((c) => c.lockstep.length === value));
  if (largest === undefined || value <= 1) {
    return {
      value,
      verdict: 'ok',
      evidence: largest?.lockstep ?? [],
      why: 'Every change ships with a single service, so no release waits on another.',
    };
  }
  const evidence = largest.lockstep;
  const group =
    `\`${largest.target}\` makes ${plural(value, 'service')} ` +
    `(${formatShortList(evidence)}) deploy together`;
  const slow = largest.leadTimeMs > THRESHOLDS.slowReleaseMs;
  const teams = teamCount(model, evidence);
  const how =
    model.organization.release === 'one-click'
      ? 'with a one-click release'
      : `under per-team releases${teams > 1 ? ` with ${plural(teams - 1, 'handoff')}` : ''}`;
  if (slow) {
    return {
      value,
      verdict: value >= THRESHOLDS.lockstepWarnServices ? 'bad' : 'warn',
      evidence,
      why:
        `${group}, which takes ${formatDuration(largest.leadTimeMs)} ${how} and fails ` +
        `${formatPercent(largest.failureRisk)} of the time.`,
    };
  }
  return {
    value,
    verdict: value >= THRESHOLDS.lockstepWarnServices ? 'warn' : 'ok',
    evidence,
    why: `${group}, but ${how} that takes only ${formatDuration(largest.leadTimeMs)}.`,
  };
}

function chattiness(model: Model, measured: Measured): ScorecardEntry {
  const estimate = staticChattiness(model);
  const value = measured.syncRemoteCallsPerRequest ?? estimate.callsPerRequest;
  const source = measured.syncRemoteCallsPerRequest === undefined ? 'expected' : 'measured';
  const evidence = estimate.pairs.map(([pair, n]) => `${pair} (${round(n)}/request)`);
  const head = `A user request makes ${round(value)} synchronous remote calls on average (${source})`;
  // The mean hides a chatty endpoint behind cheap, frequent ones; its worst request counts too.
  const [endpoint, calls] = Object.entries(estimate.perEndpoint).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0] ?? ['', 0];
  const worst = `\`${endpoint}\` makes ${round(calls)} per request`;
  const top = estimate.pairs[0];
  const mostly = top === undefined ? '' : `, the most frequent ${top[0]} (${round(top[1])})`;
  if (value >= THRESHOLDS.chattinessBad || calls >= THRESHOLDS.endpointCallsBad) {
    return {
      value,
      verdict: 'bad',
      evidence,
      why: `${head} and ${worst}, so requests pay that many network hops and their failures.`,
    };
  }
  if (value >= THRESHOLDS.chattinessWarn || calls >= THRESHOLDS.endpointCallsWarn) {
    return {
      value,
      verdict: 'warn',
      evidence,
      why: `${head}, but ${worst}: each hop adds latency and a way to fail.`,
    };
  }
  return { value, verdict: 'ok', evidence, why: `${head}${mostly}.` };
}

const NO_TEAM = '(no team)';

function servicesByTeam(model: Model): Map<string, string[]> {
  const byTeam = new Map<string, string[]>();
  for (const s of Object.values(model.services)) {
    const team = s.team ?? NO_TEAM;
    byTeam.set(team, [...(byTeam.get(team) ?? []), s.name]);
  }
  return byTeam;
}

function sharedTeams(model: Model): ScorecardEntry {
  if (Object.keys(model.services).length <= 1) {
    return { value: 0, verdict: 'ok', evidence: [], why: 'The system is a single service.' };
  }
  const [team, services] = [...servicesByTeam(model)].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  )[0] ?? [NO_TEAM, []];
  const value = services.length;
  const names = formatShortList(sorted(services));
  const owns =
    team === NO_TEAM
      ? `${plural(value, 'service')} (${names}) name no team, so one team is taken to own them`
      : `Team \`${team}\` owns ${plural(value, 'service')} (${names})`;
  if (value >= THRESHOLDS.teamServicesBad) {
    return {
      value,
      verdict: 'bad',
      evidence: sorted(services),
      why: `${owns}: it runs, deploys and is on call for more services than it can know well.`,
    };
  }
  if (value >= THRESHOLDS.teamServicesWarn) {
    return {
      value,
      verdict: 'warn',
      evidence: sorted(services),
      why: `${owns}, paying for many deploys and dashboards without the independence of many teams.`,
    };
  }
  return {
    value,
    verdict: 'ok',
    evidence: sorted(services),
    why: `${owns}, a load one team carries.`,
  };
}

function sharedDatastores(model: Model): ScorecardEntry {
  const shared = Object.keys(model.datastores)
    .map((name) => ({ name, users: sorted(queriersOf(model, name)) }))
    .filter((d) => d.users.length >= 2);
  return sharedVerdict(model, shared, {
    none: 'Every datastore is queried by at most one service, so each schema has one owner.',
    thing: 'datastore',
    verb: 'queried by',
    cost: 'a schema change needs a release across teams',
  });
}

function sharedModels(model: Model): ScorecardEntry {
  const shared = Object.values(model.libraries)
    .filter((lib) => lib.kind === 'model')
    .map((lib) => ({ name: lib.name, users: sorted(usersOf(model, lib.name)) }))
    .filter((lib) => lib.users.length >= 2);
  return sharedVerdict(model, shared, {
    none: 'No model library is used by two or more services, so each owns its own types.',
    thing: 'model library',
    verb: 'used by',
    cost: 'changing a shared type needs a release across teams',
  });
}

interface SharedWords {
  readonly none: string;
  readonly thing: string;
  readonly verb: string;
  readonly cost: string;
}

/** Shared by services of one team: `warn` (they change it together); across teams: `bad`. */
function sharedVerdict(
  model: Model,
  shared: readonly { name: string; users: readonly string[] }[],
  words: SharedWords,
): ScorecardEntry {
  const value = shared.length;
  if (value === 0) return { value, verdict: 'ok', evidence: [], why: words.none };
  const evidence = shared.map((d) => `${d.name} (${d.users.join(', ')})`);
  const crossTeam = shared.filter((d) => teamCount(model, d.users) >= 2);
  const worst = [...crossTeam].sort((a, b) => b.users.length - a.users.length)[0];
  if (worst !== undefined) {
    return {
      value,
      verdict: 'bad',
      evidence,
      why:
        `\`${worst.name}\` is ${words.verb} ${plural(worst.users.length, 'service')} of ` +
        `${teamCount(model, worst.users)} teams (${formatShortList(worst.users)}), so ${words.cost}.`,
    };
  }
  const names = formatList(shared.map((d) => `\`${d.name}\``));
  return {
    value,
    verdict: 'warn',
    evidence,
    why:
      `${names} ${value > 1 ? 'are' : 'is'} shared, but only within one team, ` +
      'which can change it together.',
  };
}

/** The change with the longest lead time (ties: the larger group, then the name). */
function slowest(changes: readonly DeployChange[]): DeployChange | undefined {
  return [...changes].sort(
    (a, b) =>
      b.leadTimeMs - a.leadTimeMs ||
      b.lockstep.length - a.lockstep.length ||
      a.target.localeCompare(b.target),
  )[0];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
