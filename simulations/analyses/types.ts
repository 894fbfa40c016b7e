/**
 * The analyses' part of the simulation report (topology format v1): blast radius, deploy
 * coordination and the distributed-monolith scorecard. Shapes follow the spec's report sections;
 * fields beyond the spec are marked as additions and documented in simulations/FORMAT.md.
 */

/** One component's static blast radius. */
export interface BlastRadiusEntry {
  /** Endpoints that depend on the component through non-optional synchronous steps, sorted. */
  readonly endpoints: readonly string[];
  /** Their summed endpoint weight: the share of user traffic the component can take down. */
  readonly share: number;
}

/** Keyed by component name (service, datastore, or `bus`). */
export type BlastRadius = Readonly<Record<string, BlastRadiusEntry>>;

/** One change's lockstep analysis. */
export interface DeployChange {
  /** A library, datastore, event or `service.operation`. */
  readonly target: string;
  readonly breaking: boolean;
  /** Services that must deploy together for this change, sorted. */
  readonly lockstep: readonly string[];
  /** Teams owning those services, sorted (services without a team are left out). */
  readonly teams: readonly string[];
  /** Milliseconds from first deploy start to last deploy end under the document's release style. */
  readonly leadTimeMs: number;
  /** 1 − Π(1 − failureRate) over the lockstep group. */
  readonly failureRisk: number;
  /** Addition: what the target is. */
  readonly targetKind: 'library' | 'datastore' | 'event' | 'operation';
  /** Addition: `default` for the implied breaking change, `document` for a `changes` entry. */
  readonly origin: 'default' | 'document';
  /** Addition: one sentence on why the change is (not) breaking, for events from the rules. */
  readonly reason: string;
}

export interface DeployAnalysis {
  readonly changes: readonly DeployChange[];
  /** Services in the largest lockstep group. */
  readonly largestLockstep: number;
  /** Mean lockstep group size over `changes`. */
  readonly meanLockstep: number;
}

export type Verdict = 'ok' | 'warn' | 'bad';

export interface ScorecardEntry {
  readonly value: number;
  readonly verdict: Verdict;
  /** The names behind the value. */
  readonly evidence: readonly string[];
  /** One sentence a reader understands, naming the evidence. */
  readonly why: string;
}

export interface Scorecard {
  readonly changeCoupling: ScorecardEntry;
  readonly lockstepDeploys: ScorecardEntry;
  readonly chattiness: ScorecardEntry;
  readonly sharedTeams: ScorecardEntry;
  readonly sharedDatastores: ScorecardEntry;
  readonly sharedModels: ScorecardEntry;
}

export type ScorecardKey = keyof Scorecard;

/** The report sections the analyses fill in. */
export interface Analyses {
  readonly blastRadius: BlastRadius;
  readonly deploy: DeployAnalysis;
  readonly scorecard: Scorecard;
}

/** What the simulator measured, when the analyses run after a simulation. */
export interface Measured {
  /**
   * Mean synchronous remote service-to-service calls per user request, retries and fan-out
   * copies included. Absent: the scorecard computes the expected count statically.
   */
  readonly syncRemoteCallsPerRequest?: number;
}
