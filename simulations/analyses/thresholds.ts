/**
 * Every threshold the scorecard's verdicts use, in one place. simulations/FORMAT.md ("Scorecard
 * thresholds") quotes them and gives the reasoning for each; keep the two in step.
 */
export const THRESHOLDS = {
  /**
   * A coordinated release that takes longer than this is costly: people wait on it and work
   * piles up behind it. One hour is DORA's line for elite lead time.
   */
  slowReleaseMs: 3_600_000,
  /**
   * A coordinated release that fails this often is costly however quickly it ships: one in
   * seven ends in a rollback of every service in it (DORA's change failure rate for high
   * performers is at most 15%).
   */
  riskyReleaseShare: 0.15,
  /** Share of all changes (weighted by the mix) that may need coordination before it is a symptom. */
  changeCouplingShare: 0.1,
  /** Share of all changes that may need a costly (slow or risky) coordinated release before `bad`. */
  costlyCouplingShare: 0.05,
  /** A lockstep group of this many services is a symptom even when releasing it is cheap. */
  lockstepWarnServices: 3,
  /** Share of a request's p99 latency budget spent on remote hops from which chattiness is a symptom. */
  hopShareWarn: 0.25,
  /** … and from which it is `bad`: the request spends as long crossing the network as working. */
  hopShareBad: 0.5,
  /** Requests failed by the hops alone from which chattiness is a symptom: half a 99.9% budget. */
  hopAvailabilityWarn: 0.0005,
  /** … and from which it is `bad`: the hops alone spend a 99.9% objective's whole error budget. */
  hopAvailabilityBad: 0.001,
  /** Services one team may own before it is a symptom. */
  teamServicesWarn: 6,
  /** Services one team may own before it is `bad`. */
  teamServicesBad: 10,
} as const;
