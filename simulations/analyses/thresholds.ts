/**
 * Every threshold the scorecard's verdicts use, in one place. simulations/FORMAT.md ("Analyses") gives the reasoning
 * for each; keep the two in step.
 */
export const THRESHOLDS = {
  /**
   * A coordinated release that takes longer than this is costly: people wait on it and work
   * piles up behind it. One hour is DORA's line for elite lead time.
   */
  slowReleaseMs: 3_600_000,
  /** Share of the default changes that may need two or more services before it is a symptom. */
  changeCouplingShare: 0.25,
  /** Share of the default changes that may need a slow coordinated release before it is `bad`. */
  costlyCouplingShare: 1 / 3,
  /** A lockstep group of this many services is a symptom even when releasing it is cheap. */
  lockstepWarnServices: 3,
  /** Expected synchronous remote calls per user request from which chattiness is a symptom. */
  chattinessWarn: 4,
  /** … and from which it is `bad`: every request crosses the network this often. */
  chattinessBad: 10,
  /** Remote calls one request of a single endpoint may make before chattiness is a symptom. */
  endpointCallsWarn: 8,
  /** … and before it is `bad`, whatever the traffic mix. */
  endpointCallsBad: 20,
  /** Services one team may own before it is a symptom. */
  teamServicesWarn: 6,
  /** Services one team may own before it is `bad`. */
  teamServicesBad: 10,
} as const;
