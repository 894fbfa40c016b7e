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

/**
 * What kind of change an entry stands for. The default set gives every target a mix of the three
 * (`changeMix.ts`); a document change is `breaking` or, declared non-breaking, `additive`.
 */
export type ChangeNature = 'internal' | 'additive' | 'breaking';

/**
 * How the change reaches production. `alone`: one service ships it (a release train if several
 * teams own that service); `lockstep`: two or more services deploy together; `expand-contract`
 * and `new-version`: independent releases in sequence (`sequence`); `versioned`: a library
 * release its users take up on their own schedule, so no service has to deploy.
 */
export type ReleasePath = 'alone' | 'lockstep' | 'expand-contract' | 'new-version' | 'versioned';

/** One change's lockstep analysis. */
export interface DeployChange {
  /** A library, datastore, event or `service.operation`. */
  readonly target: string;
  readonly breaking: boolean;
  /** Services that must deploy together for this change, sorted. */
  readonly lockstep: readonly string[];
  /**
   * Teams that must act for this change, sorted: the owners of the lockstep services (every team
   * of a release train), and for a sequence of releases the teams of every service in it.
   * Services without a team are left out.
   */
  readonly teams: readonly string[];
  /** Milliseconds from first deploy start to last deploy end under the document's release style. */
  readonly leadTimeMs: number;
  /** 1 − Π(1 − failureRate) over the lockstep group. */
  readonly failureRisk: number;
  /** Addition: what the target is. */
  readonly targetKind: 'library' | 'datastore' | 'event' | 'operation';
  /** Addition: `default` for the default mix, `document` for a `changes` entry. */
  readonly origin: 'default' | 'document';
  /** Addition: one sentence on why the change is (not) breaking and how it ships. */
  readonly reason: string;
  /** Addition: internal, additive or breaking. */
  readonly nature: ChangeNature;
  /**
   * Addition: the share of its target's changes this entry stands for (the default mix's share,
   * or 1 / the number of document entries for the target), so weighted sums count each target
   * once.
   */
  readonly likelihood: number;
  /** Addition: how the change ships. */
  readonly path: ReleasePath;
  /** Addition: for `expand-contract` and `new-version`, the services' releases in order. */
  readonly sequence: readonly string[];
  /**
   * Addition: the lockstep group holds two or more services, or one service owned by two or more
   * teams (a release train): releasing it needs people to coordinate.
   */
  readonly coordinated: boolean;
}

export interface DeployAnalysis {
  readonly changes: readonly DeployChange[];
  /** Services in the largest lockstep group. */
  readonly largestLockstep: number;
  /** Mean lockstep group size over `changes`, each weighted by its `likelihood`. */
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
