/**
 * The event-change explorer's view: the four rules with what holds and what breaks, the release
 * the change needs if made in place (who must deploy together), and the safe way when a rule
 * breaks (each rule's own alternative, and a new version of the event released in sequence).
 * Every sentence comes from the analyses (`eventRules.ts`, deploy coordination) through
 * `simulations/scenarios/eventChange.ts`; this module only arranges them for the page.
 */
import { formatDuration, formatList, formatPercent } from '../../simulations/analyses/format.ts';
import type { DeployChange } from '../../simulations/analyses/types.ts';
import type { EventChangeAnswer } from '../../simulations/scenarios/eventChange.ts';

export interface RuleLine {
  readonly rule: 1 | 2 | 3 | 4;
  readonly title: string;
  readonly holds: boolean;
  readonly reason: string;
  readonly alternative?: string | undefined;
}

export interface ReleaseView {
  /** e.g. "Changed in place: `inventory` and `orders` deploy together". */
  readonly headline: string;
  /** Services in the lockstep group. */
  readonly lockstep: readonly string[];
  /** Releases in order, for a sequence (new version); empty otherwise. */
  readonly sequence: readonly string[];
  /** Lead time, failure risk and teams, in one line. */
  readonly facts: string;
  /** The deploy analysis's own sentence. */
  readonly reason: string;
}

export interface EventChangeView {
  readonly description: string;
  readonly breaking: boolean;
  /** "Breaks rule 1" / "Keeps every rule". */
  readonly verdict: string;
  readonly rules: readonly RuleLine[];
  readonly inPlace: ReleaseView;
  /** The safe way, when a rule breaks. */
  readonly safe?: ReleaseView | undefined;
  /** The rules' alternatives, in rule order (what to do instead, field by field). */
  readonly alternatives: readonly string[];
}

const code = (names: readonly string[]) => formatList(names.map((n) => `\`${n}\``));

function facts(change: DeployChange): string {
  const teams = change.teams.length;
  return [
    `lead time ${formatDuration(change.leadTimeMs)}`,
    `failure risk ${formatPercent(change.failureRisk)}`,
    `${teams} ${teams === 1 ? 'team' : 'teams'}`,
  ].join(' · ');
}

function release(change: DeployChange, safe: boolean): ReleaseView {
  const group = change.lockstep;
  let headline: string;
  if (safe) {
    headline = `The safe way: ${change.sequence.length} independent releases in sequence, no lockstep`;
  } else if (change.path === 'alone') {
    headline = `Changed in place: ${code(group)} ships it alone`;
  } else {
    headline = `Changed in place: ${code(group)} must deploy together`;
  }
  return {
    headline,
    lockstep: group,
    sequence: change.sequence,
    facts: facts(change),
    reason: change.reason,
  };
}

/** The view of one answer. */
export function eventChangeView(answer: EventChangeAnswer): EventChangeView {
  const { check } = answer;
  const broken = check.rules.filter((r) => r.rule !== 4 && !r.holds).map((r) => r.rule);
  const verdict =
    broken.length === 0
      ? 'Keeps every rule: no lockstep'
      : `Breaks ${broken.length > 1 ? 'rules' : 'rule'} ${formatList(broken.map(String))}: a breaking change`;
  return {
    description: answer.description,
    breaking: check.breaking,
    verdict,
    rules: check.rules.map((r) => ({
      rule: r.rule,
      title: r.title,
      holds: r.holds,
      reason: r.reason,
      alternative: r.alternative,
    })),
    inPlace: release(answer.inPlace, false),
    safe: answer.newVersion === undefined ? undefined : release(answer.newVersion, true),
    alternatives: check.rules.flatMap((r) => (r.alternative === undefined ? [] : [r.alternative])),
  };
}

/**
 * Inline code in the analyses' sentences (`name`) as text and code pieces, so the island can set
 * names in a monospace face without parsing Markdown or setting HTML.
 */
export function codePieces(text: string): { readonly text: string; readonly code: boolean }[] {
  return text.split('`').map((piece, i) => ({ text: piece, code: i % 2 === 1 }));
}
