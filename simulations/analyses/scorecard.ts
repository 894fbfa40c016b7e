/**
 * The distributed-monolith scorecard: six symptoms, each with a value, a verdict and the evidence
 * behind it. Following the seeds, a symptom is `bad` only when it is costly in this document: a
 * coordinated release that is slow (handoffs included) or risky (it often fails), chatty calls
 * that spend a large share of the latency budget or of the error budget. Coupling that a
 * one-click release ships quickly and safely, or a datastore one team shares with itself, is a
 * `warn` at most.
 */
import type { Model } from '../model/types.ts';
import { staticChattiness } from './chattiness.ts';
import { compareNames } from './compareNames.ts';
import { defaultChanges } from './deployCoordination.ts';
import { formatDuration, formatList, formatPercent, formatShortList, plural } from './format.ts';
import { queriersOf, sorted, usersOf } from './graph.ts';
import { teamCount } from './ownership.ts';
import { THRESHOLDS } from './thresholds.ts';
import type {
  DeployAnalysis,
  DeployChange,
  Measured,
  Scorecard,
  ScorecardEntry,
  Verdict,
} from './types.ts';

export interface ScorecardOptions {
  /** The deploy analysis of the same model. */
  readonly deploy: DeployAnalysis;
  /**
   * Ignored since chattiness is computed from the model alone, so every surface shows the same
   * number; kept so callers that pass a run's measurements still compile.
   */
  readonly measured?: Measured;
}

/** Scores the six symptoms of the spec's table. */
export function scorecard(model: Model, { deploy }: ScorecardOptions): Scorecard {
  return {
    changeCoupling: changeCoupling(model, deploy),
    lockstepDeploys: lockstepDeploys(model, deploy),
    chattiness: chattiness(model),
    sharedTeams: sharedTeams(model),
    sharedDatastores: sharedDatastores(model, deploy),
    sharedModels: sharedModels(model, deploy),
  };
}

/** Why a coordinated release is costly, or nothing when it is cheap. */
export interface ReleaseCost {
  readonly slow: boolean;
  readonly risky: boolean;
  readonly costly: boolean;
}

/** A coordinated change is costly when releasing it is slow (handoffs included) or risky. */
export function releaseCost(change: DeployChange): ReleaseCost {
  const slow = change.leadTimeMs > THRESHOLDS.slowReleaseMs;
  const risky = change.failureRisk >= THRESHOLDS.riskyReleaseShare;
  return { slow, risky, costly: change.coordinated && (slow || risky) };
}

function releaseStyle(model: Model): string {
  return model.organization.release === 'one-click' ? 'one-click releases' : 'per-team releases';
}

/** `10 services (a, b, c, d and 6 more) of 3 teams`, or `shop, a release train of 3 teams`. */
function groupWords(model: Model, change: DeployChange): string {
  const teams = teamCount(model, change.lockstep);
  const services = change.lockstep;
  if (services.length === 1) {
    return `\`${services[0]}\` (a release train of ${teams} teams: ${formatList(change.teams)})`;
  }
  const ofTeams = teams >= 2 ? ` of ${teams} teams` : ' of one team';
  return `${plural(services.length, 'service')} (${formatShortList(services)})${ofTeams}`;
}

/** `takes 2 d 1 h under per-team releases with 2 handoffs and fails 18.3% of the time`. */
function costWords(model: Model, change: DeployChange): string {
  const teams = teamCount(model, change.lockstep);
  const how =
    model.organization.release === 'one-click'
      ? 'with a one-click release'
      : `under per-team releases${teams > 1 ? ` with ${plural(teams - 1, 'handoff')}` : ''}`;
  const cost = releaseCost(change);
  const time = `${cost.slow ? 'takes' : 'takes only'} ${formatDuration(change.leadTimeMs)} ${how}`;
  const risk = cost.risky
    ? `fails ${formatPercent(change.failureRisk)} of the time, rolling back every part of it`
    : `fails ${formatPercent(change.failureRisk)} of the time`;
  return cost.risky && !cost.slow ? `${time}, but ${risk}` : `${time} and ${risk}`;
}

/** "`x` needs 3 services …, which takes …", or for a release train "every change to `shop` …". */
function needsWords(model: Model, change: DeployChange, verb: 'needs' | 'makes'): string {
  if (change.lockstep.length === 1) {
    return (
      `every change to \`${change.lockstep[0]}\` (\`${change.target}\` among them) waits for its ` +
      `release train of ${change.teams.length} teams (${formatList(change.teams)}), which ${costWords(model, change)}`
    );
  }
  return verb === 'needs'
    ? `\`${change.target}\` needs ${groupWords(model, change)}, which ${costWords(model, change)}`
    : `\`${change.target}\` makes ${groupWords(model, change)} deploy together, which ${costWords(model, change)}`;
}

function weighted(changes: readonly DeployChange[], total: number): number {
  return total === 0 ? 0 : changes.reduce((sum, c) => sum + c.likelihood, 0) / total;
}

function changeCoupling(model: Model, deploy: DeployAnalysis): ScorecardEntry {
  const total = defaultChanges(model).length;
  const coordinated = deploy.changes.filter((c) => c.coordinated);
  const costly = coordinated.filter((c) => releaseCost(c).costly);
  const value = weighted(coordinated, total);
  const costlyShare = weighted(costly, total);
  const evidence = [...new Set([...costly, ...coordinated].map((c) => c.target))];
  const counted = `${formatPercent(value)} of changes (by the change mix over ${plural(total, 'target')}) need a coordinated release`;
  const sequencedTargets = new Set(
    deploy.changes
      .filter((c) => c.path === 'expand-contract' || c.path === 'new-version')
      .map((c) => c.target),
  );
  const sequenced =
    sequencedTargets.size === 0
      ? ''
      : ` Breaking changes to ${formatShortList(
          sorted(sequencedTargets).map((t) => `\`${t}\``),
          3,
        )} ship as independent releases in sequence, with no lockstep.`;
  const worst = mostCostly(costly);
  if (worst !== undefined && costlyShare >= THRESHOLDS.costlyCouplingShare) {
    return {
      value,
      verdict: 'bad',
      evidence,
      why: `${counted}, ${formatPercent(costlyShare)} a costly one: ${needsWords(model, worst, 'needs')}.${sequenced}`,
    };
  }
  if (value >= THRESHOLDS.changeCouplingShare) {
    return {
      value,
      verdict: 'warn',
      evidence,
      why:
        worst === undefined
          ? `${counted}, but ${releaseStyle(model)} ship each within ` +
            `${formatDuration(THRESHOLDS.slowReleaseMs)} and under ${formatPercent(THRESHOLDS.riskyReleaseShare)} risk, so the coupling is cheap for now.${sequenced}`
          : `${counted}; only ${formatPercent(costlyShare)} need a costly one (\`${worst.target}\`: ` +
            `${formatDuration(worst.leadTimeMs)}, fails ${formatPercent(worst.failureRisk)}).${sequenced}`,
    };
  }
  return {
    value,
    verdict: 'ok',
    evidence,
    why:
      coordinated.length === 0
        ? `Every change ships with a single service of a single team.${sequenced}`
        : worst === undefined
          ? `Only ${counted}; the rest ship with one service.${sequenced}`
          : `Only ${counted} (${formatPercent(costlyShare)} a costly one: \`${worst.target}\`, ` +
            `${formatDuration(worst.leadTimeMs)}, fails ${formatPercent(worst.failureRisk)}); the rest ship with one service.${sequenced}`,
  };
}

/** A group of three or more services, or of three or more teams (a release train counts). */
function isLarge(model: Model, change: DeployChange): boolean {
  return (
    change.lockstep.length >= THRESHOLDS.lockstepWarnServices ||
    teamCount(model, change.lockstep) >= THRESHOLDS.lockstepWarnServices
  );
}

function lockstepDeploys(model: Model, deploy: DeployAnalysis): ScorecardEntry {
  const value = deploy.largestLockstep;
  const coordinated = deploy.changes.filter((c) => c.coordinated);
  const largest = mostCostly(deploy.changes.filter((c) => c.lockstep.length === value));
  if (coordinated.length === 0) {
    return {
      value,
      verdict: 'ok',
      evidence: largest?.lockstep ?? [],
      why: 'Every change ships with a single service of a single team, so no release waits on another.',
    };
  }
  const costlyLarge = mostCostly(
    coordinated.filter((c) => isLarge(model, c) && releaseCost(c).costly),
  );
  const costly = mostCostly(coordinated.filter((c) => releaseCost(c).costly));
  const large = mostCostly(coordinated.filter((c) => isLarge(model, c)));
  // Name the group that sets the verdict; a large group before a smaller costly one, so the
  // sentence matches the value, then the costly one too when it is another change.
  const pick = costlyLarge ?? large ?? costly ?? mostCostly(coordinated);
  if (pick === undefined) return { value, verdict: 'ok', evidence: [], why: '' };
  const also =
    costlyLarge === undefined && costly !== undefined && costly !== pick
      ? ` ${capitalise(needsWords(model, costly, 'needs'))}.`
      : '';
  const verdict: Verdict =
    costlyLarge !== undefined ? 'bad' : costly !== undefined || large !== undefined ? 'warn' : 'ok';
  return {
    value,
    verdict,
    evidence: pick.lockstep,
    why: `${capitalise(needsWords(model, pick, 'makes'))}.${also}`,
  };
}

function chattiness(model: Model): ScorecardEntry {
  const estimate = staticChattiness(model);
  const value = estimate.callsPerRequest;
  const evidence = estimate.pairs.map(([pair, n]) => `${pair} (${round(n)}/request)`);
  const [endpoint, worst] = Object.entries(estimate.latency).sort(
    (a, b) => share(b[1]) - share(a[1]) || compareNames(a[0], b[0]),
  )[0] ?? ['', { p99Ms: 0, hopsMs: 0 }];
  const head = `A user request makes ${round(value)} synchronous remote calls on average`;
  if (value === 0) {
    return {
      value,
      verdict: 'ok',
      evidence,
      why: `${head}: no request crosses the network between services.`,
    };
  }
  const cost =
    `, spending ${formatPercent(estimate.hopShare)} of its p99 latency budget on the hops ` +
    `(\`${endpoint}\`: ${round(worst.hopsMs)} of ${round(worst.p99Ms)} ms, ${formatPercent(share(worst))})` +
    (estimate.availabilityCost === 0
      ? ', losing no request to the network'
      : ` and failing ${formatPercent4(estimate.availabilityCost)} of requests on them`);
  const { hopShare, availabilityCost } = estimate;
  const hopWorst = Math.max(hopShare, share(worst));
  if (hopWorst >= THRESHOLDS.hopShareBad || availabilityCost >= THRESHOLDS.hopAvailabilityBad) {
    return {
      value,
      verdict: 'bad',
      evidence,
      why: `${head}${cost}: the network between services costs as much as the work.`,
    };
  }
  if (hopWorst >= THRESHOLDS.hopShareWarn || availabilityCost >= THRESHOLDS.hopAvailabilityWarn) {
    return {
      value,
      verdict: 'warn',
      evidence,
      why: `${head}${cost}: a noticeable tax on latency or the error budget.`,
    };
  }
  return { value, verdict: 'ok', evidence, why: `${head}${cost}, a cost the requests absorb.` };
}

function share(latency: { readonly p99Ms: number; readonly hopsMs: number }): number {
  return latency.p99Ms > 0 ? latency.hopsMs / latency.p99Ms : 0;
}

/** Percent with up to two decimals, for small failure shares. */
function formatPercent4(x: number): string {
  return x === 0 ? '0%' : `${Math.round(x * 10_000) / 100}%`;
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
    (a, b) => b[1].length - a[1].length || compareNames(a[0], b[0]),
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

function sharedDatastores(model: Model, deploy: DeployAnalysis): ScorecardEntry {
  const shared = Object.keys(model.datastores)
    .map((name) => ({ name, users: sorted(queriersOf(model, name)) }))
    .filter((d) => d.users.length >= 2);
  return sharedVerdict(model, deploy, shared, {
    none: 'Every datastore is queried by at most one service, so each schema has one owner.',
    verb: 'queried by',
    change: 'a breaking schema change',
  });
}

function sharedModels(model: Model, deploy: DeployAnalysis): ScorecardEntry {
  const shared = Object.values(model.libraries)
    .filter((lib) => lib.kind === 'model')
    .map((lib) => ({ name: lib.name, users: sorted(usersOf(model, lib.name)) }))
    .filter((lib) => lib.users.length >= 2);
  return sharedVerdict(model, deploy, shared, {
    none: 'No model library is used by two or more services, so each owns its own types.',
    verb: 'used by',
    change: 'a breaking change to a shared type',
  });
}

interface SharedWords {
  readonly none: string;
  readonly verb: string;
  readonly change: string;
}

interface Shared {
  readonly name: string;
  readonly users: readonly string[];
  /** The target's costliest breaking change, if any ships coordinated. */
  readonly release?: DeployChange;
}

/**
 * Sharing is `bad` only when changing the shared thing is costly: its users belong to two or
 * more teams and its breaking change needs a coordinated release that is slow or risky. Within
 * one team, or with a cheap coordinated release, or changed without lockstep, it is a `warn`.
 */
function sharedVerdict(
  model: Model,
  deploy: DeployAnalysis,
  shared: readonly { name: string; users: readonly string[] }[],
  words: SharedWords,
): ScorecardEntry {
  const value = shared.length;
  if (value === 0) return { value, verdict: 'ok', evidence: [], why: words.none };
  const evidence = shared.map((d) => `${d.name} (${d.users.join(', ')})`);
  const withRelease: Shared[] = shared.map((d) => {
    const release = mostCostly(
      deploy.changes.filter((c) => c.target === d.name && c.breaking && c.coordinated),
    );
    return release === undefined ? d : { ...d, release };
  });
  const crossTeam = withRelease.filter((d) => teamCount(model, d.users) >= 2);
  const costly = crossTeam.filter((d) => d.release !== undefined && releaseCost(d.release).costly);
  const describeShared = (d: Shared) => {
    const teams = teamCount(model, d.users);
    return (
      `\`${d.name}\` is ${words.verb} ${plural(d.users.length, 'service')} ` +
      `(${formatShortList(d.users)})${teams >= 2 ? ` of ${teams} teams` : ', all of one team'}`
    );
  };
  const worstCostly = [...costly].sort((a, b) => b.users.length - a.users.length)[0];
  if (worstCostly?.release !== undefined) {
    return {
      value,
      verdict: 'bad',
      evidence,
      why: `${describeShared(worstCostly)}, so ${words.change} needs a coordinated release that ${costWords(model, worstCostly.release)}.`,
    };
  }
  const worst = [...crossTeam].sort((a, b) => b.users.length - a.users.length)[0];
  if (worst !== undefined) {
    const cheap =
      worst.release === undefined
        ? `but ${words.change} needs no coordinated release here (${pathWords(deploy, worst.name)})`
        : `but ${words.change} needs a coordinated release that ${costWords(model, worst.release)}, which is cheap`;
    return { value, verdict: 'warn', evidence, why: `${describeShared(worst)}, ${cheap}.` };
  }
  const first = withRelease[0];
  const names = formatList(shared.map((d) => `\`${d.name}\``));
  const cost =
    first?.release === undefined
      ? ''
      : ` (its coordinated release ${costWords(model, first.release)})`;
  return {
    value,
    verdict: 'warn',
    evidence,
    why:
      `${names} ${value > 1 ? 'are' : 'is'} shared, but only within one team, ` +
      `which can change it together${cost}.`,
  };
}

/** How a shared target's breaking change ships when it needs no lockstep. */
function pathWords(deploy: DeployAnalysis, target: string): string {
  const paths = new Set(deploy.changes.filter((c) => c.target === target).map((c) => c.path));
  if (paths.has('expand-contract')) return 'it is changed by expand/contract';
  if (paths.has('new-version')) return 'it is changed by a new version';
  return "the document's changes to it are compatible";
}

/** The costliest change: costly first, then the larger group, the longer lead time, the name. */
function mostCostly(changes: readonly DeployChange[]): DeployChange | undefined {
  return [...changes].sort(
    (a, b) =>
      Number(releaseCost(b).costly) - Number(releaseCost(a).costly) ||
      b.lockstep.length - a.lockstep.length ||
      b.leadTimeMs - a.leadTimeMs ||
      b.failureRisk - a.failureRisk ||
      compareNames(a.target, b.target),
  )[0];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
