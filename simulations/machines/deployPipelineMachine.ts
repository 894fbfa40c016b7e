/**
 * One service's deploy pipeline: build → canary → rollout → done. A canary alarm rolls the
 * service back; so does an alarm during the rollout (a bad deploy the canary missed, found once
 * more traffic reaches it), and so does an abort from the coordinator when another service of the same lockstep
 * group fails (the group must not end half-deployed). A rollback ends rolled back, or failed when
 * the rollback itself fails and someone must step in.
 *
 * Phase lengths are delayed transitions, so the actor runs in whatever clock it is given: the
 * release simulation hands it a simulated clock and advances it event by event.
 */
import { assign, setup } from 'xstate';

/** How long each phase takes, in milliseconds. */
export interface PipelineDurations {
  readonly build: number;
  readonly canary: number;
  readonly rollout: number;
  readonly rollback: number;
}

export interface DeployPipelineInput {
  readonly service: string;
  readonly durations: PipelineDurations;
}

export interface DeployPipelineContext extends DeployPipelineInput {
  /** Why the service rolled back, once it has. */
  readonly rollbackCause: RollbackCause | null;
}

/**
 * `canary`: its canary raised an alarm; `rollout`: the alarm came during the rollout, after the
 * canary had passed; `aborted`: another service of the lockstep group failed.
 */
export type RollbackCause = 'canary' | 'rollout' | 'aborted';

export type DeployPipelineEvent =
  /** The coordinator lets this service's deploy begin. */
  | { readonly type: 'START' }
  /** Canary monitoring raised an alarm. */
  | { readonly type: 'CANARY_FAILED' }
  /** Monitoring raised an alarm during the rollout: the canary let a bad deploy through. */
  | { readonly type: 'ROLLOUT_FAILED' }
  /** Another service of the lockstep group failed: undo or never start. */
  | { readonly type: 'ABORT' }
  /** The rollback itself did not succeed. */
  | { readonly type: 'ROLLBACK_FAILED' };

export const deployPipelineMachine = setup({
  types: {
    input: {} as DeployPipelineInput,
    context: {} as DeployPipelineContext,
    events: {} as DeployPipelineEvent,
  },
  delays: {
    buildTime: ({ context }) => context.durations.build,
    canaryTime: ({ context }) => context.durations.canary,
    rolloutTime: ({ context }) => context.durations.rollout,
    rollbackTime: ({ context }) => context.durations.rollback,
  },
  actions: {
    blameCanary: assign({ rollbackCause: 'canary' as const }),
    blameRollout: assign({ rollbackCause: 'rollout' as const }),
    blameAbort: assign({ rollbackCause: 'aborted' as const }),
  },
}).createMachine({
  id: 'deployPipeline',
  initial: 'waiting',
  context: ({ input }) => ({ ...input, rollbackCause: null }),
  states: {
    waiting: {
      on: { START: 'build', ABORT: 'cancelled' },
    },
    build: {
      // Nothing is deployed yet, so an abort cancels without a rollback.
      after: { buildTime: 'canary' },
      on: { ABORT: 'cancelled' },
    },
    canary: {
      after: { canaryTime: 'rollout' },
      on: {
        CANARY_FAILED: { target: 'rollback', actions: 'blameCanary' },
        ABORT: { target: 'rollback', actions: 'blameAbort' },
      },
    },
    rollout: {
      after: { rolloutTime: 'done' },
      on: {
        ROLLOUT_FAILED: { target: 'rollback', actions: 'blameRollout' },
        ABORT: { target: 'rollback', actions: 'blameAbort' },
      },
    },
    done: {
      // Not final: a lockstep partner failing later still forces this service back.
      on: { ABORT: { target: 'rollback', actions: 'blameAbort' } },
    },
    rollback: {
      after: { rollbackTime: 'rolledBack' },
      on: { ROLLBACK_FAILED: 'failed' },
    },
    rolledBack: { type: 'final' },
    failed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

/** Every state the pipeline can be in. */
export type DeployPipelineState =
  | 'waiting'
  | 'build'
  | 'canary'
  | 'rollout'
  | 'done'
  | 'rollback'
  | 'rolledBack'
  | 'failed'
  | 'cancelled';
