/**
 * The five design choices, each written once as an edit of the shop's plan (its operations and
 * their steps), so any cut can take any combination. The cut decides afterwards which calls are
 * remote: a timeout or retry a choice writes on a call is kept only where the call crosses a
 * process boundary (an in-process call runs in the caller's thread; it cannot time out).
 *
 * Every choice off is the default, "as first written": calls one after the other, one call per
 * cart line, side effects called synchronously, every call required, no timeouts or retries.
 */
import {
  ENDPOINTS,
  OPERATIONS,
  type PlanOperation,
  type PlanStep,
  type RetryChoice,
} from './domain.ts';

export type DesignChoice = 'parallel' | 'batch' | 'async' | 'optional' | 'resilience';

/** Which choices are on. */
export type Design = Readonly<Record<DesignChoice, boolean>>;

export interface DesignChoiceInfo {
  readonly name: DesignChoice;
  /** For a figure's toggle. */
  readonly label: string;
  /** One line: what turning it on does. */
  readonly description: string;
}

/** The choices, in the order a figure offers them. */
export const DESIGN_CHOICES: readonly DesignChoiceInfo[] = [
  {
    name: 'parallel',
    label: 'Parallel calls',
    description:
      "Independent calls run at the same time: a page's lookups, and pricing beside reserving at checkout.",
  },
  {
    name: 'batch',
    label: 'Batch calls',
    description:
      'One call prices or reserves the whole cart instead of one call per cart line (the same work and queries).',
  },
  {
    name: 'async',
    label: 'Asynchronous side effects',
    description:
      'Checkout publishes order-placed; e-mail and shipping run after the user has the answer.',
  },
  {
    name: 'optional',
    label: 'Optional recommendations',
    description:
      'Pages render without recommendations when they fail, and wait at most 50 ms for them where they are remote.',
  },
  {
    name: 'resilience',
    label: 'Timeouts and retries',
    description:
      'Timeouts on every remote call and query; retries with backoff and jitter on reads and quotes, never on charges.',
  },
];

/** Every choice off: the design the command line's presets use. */
export const DEFAULT_DESIGN: Design = {
  parallel: false,
  batch: false,
  async: false,
  optional: false,
  resilience: false,
};

/** How long a page waits for optional recommendations where they are remote, ms. */
export const OPTIONAL_TIMEOUT = 50;

/**
 * The retry policy of the `resilience` choice: up to 3 attempts; before retry k a delay drawn
 * uniformly from 0 to min(200 ms, 10 ms × 2^(k−1)) (exponential backoff, full jitter).
 */
export const RETRY: RetryChoice = {
  attempts: 3,
  backoff: 'exponential',
  base: 10,
  cap: 200,
  jitter: 'full',
};

/**
 * Per-attempt timeouts of queries under the `resilience` choice, ms: far above a healthy query
 * (1 ms of work and two hops), far below a user's patience; the card processor is slower.
 */
export const QUERY_TIMEOUT = { shop: 100, 'card-processor': 1000 } as const;

/** An event the plan publishes, and the operations that consume it. */
export interface PlanEvent {
  readonly name: string;
  /** The operation that publishes it (its module's service is the publisher). */
  readonly publishedBy: string;
  readonly consumers: readonly string[];
}

/** The shop's operations after the design choices: only those something still reaches. */
export interface ShopPlan {
  readonly operations: readonly PlanOperation[];
  readonly events: readonly PlanEvent[];
}

function mapSteps(steps: readonly PlanStep[], edit: (s: PlanStep) => PlanStep): PlanStep[] {
  return steps.map((step) =>
    step.kind === 'parallel' ? edit({ ...step, steps: mapSteps(step.steps, edit) }) : edit(step),
  );
}

/** `batch`: one call of the batch operation replaces the per-line calls. */
function batch(step: PlanStep): PlanStep {
  if (step.kind !== 'call' || step.perLine === undefined) return step;
  const { perLine, ...rest } = step;
  return { ...rest, operation: perLine.batch, times: 1, note: 'the whole cart in one call' };
}

/** `optional`: nice-to-have calls may fail, and are not waited for long. */
function optional(step: PlanStep): PlanStep {
  if (step.kind !== 'call' || !step.niceToHave) return step;
  return {
    ...step,
    optional: true,
    timeout: OPTIONAL_TIMEOUT,
    note: 'optional: the page renders without it',
  };
}

/** `resilience`: a timeout on every call and query; retries on what is safe to repeat. */
function resilience(step: PlanStep): PlanStep {
  if (step.kind === 'call') {
    const callee = operation(step.operation);
    return {
      ...step,
      timeout: step.timeout ?? callee.timeout,
      ...(callee.idempotent ? { retry: RETRY } : {}),
    };
  }
  if (step.kind === 'query') {
    const timeout = QUERY_TIMEOUT[step.data === 'card-processor' ? 'card-processor' : 'shop'];
    return {
      ...step,
      timeout: step.timeout ?? timeout,
      ...(step.access === 'read' ? { retry: RETRY } : {}),
    };
  }
  return step;
}

/** `async`: consecutive side effects of one event become one publish. */
function publishSideEffects(steps: readonly PlanStep[]): PlanStep[] {
  const out: PlanStep[] = [];
  for (const step of steps) {
    const event = step.kind === 'call' ? step.sideEffect : undefined;
    const last = out.at(-1);
    if (event === undefined) out.push(step);
    else if (last?.kind !== 'publish' || last.event !== event) {
      out.push({ kind: 'publish', event });
    }
  }
  return out;
}

/** `parallel`: consecutive steps marked independent of each other run as one parallel step. */
function parallelise(steps: readonly PlanStep[]): PlanStep[] {
  const out: PlanStep[] = [];
  let group: PlanStep[] = [];
  let mark: string | undefined;
  const flush = () => {
    if (group.length > 1) {
      out.push({ kind: 'parallel', steps: group, note: 'independent calls run at the same time' });
    } else out.push(...group);
    group = [];
  };
  for (const step of steps) {
    const m = step.kind === 'call' || step.kind === 'query' ? step.independent : undefined;
    if (m === undefined || m !== mark) flush();
    mark = m;
    if (m === undefined) out.push(step);
    else group.push(step);
  }
  flush();
  return out;
}

function operation(name: string): PlanOperation {
  const found = OPERATIONS[name];
  if (found === undefined) throw new Error(`shop plan: no operation "${name}"`);
  return found;
}

function sideEffectConsumers(): { event: string; publishedBy: string; consumers: string[] }[] {
  const events = new Map<string, { event: string; publishedBy: string; consumers: string[] }>();
  for (const op of Object.values(OPERATIONS)) {
    for (const step of op.steps) {
      if (step.kind !== 'call' || step.sideEffect === undefined) continue;
      const e = events.get(step.sideEffect) ?? {
        event: step.sideEffect,
        publishedBy: op.name,
        consumers: [],
      };
      e.consumers.push(step.operation);
      events.set(step.sideEffect, e);
    }
  }
  return [...events.values()];
}

function called(steps: readonly PlanStep[]): string[] {
  return steps.flatMap((s) =>
    s.kind === 'call' ? [s.operation] : s.kind === 'parallel' ? called(s.steps) : [],
  );
}

/** The shop's plan with the design's choices applied (choices left out are off). */
export function shopPlan(design: Partial<Design> = {}): ShopPlan {
  const d: Design = { ...DEFAULT_DESIGN, ...design };
  const edited = new Map<string, PlanOperation>();
  for (const op of Object.values(OPERATIONS)) {
    let steps: PlanStep[] = [...op.steps];
    if (d.batch) steps = mapSteps(steps, batch);
    if (d.async) steps = publishSideEffects(steps);
    if (d.optional) steps = mapSteps(steps, optional);
    if (d.resilience) steps = mapSteps(steps, resilience);
    if (d.parallel) steps = parallelise(steps);
    edited.set(op.name, { ...op, steps });
  }
  const events: PlanEvent[] = d.async
    ? sideEffectConsumers().map((e) => ({
        name: e.event,
        publishedBy: e.publishedBy,
        consumers: e.consumers,
      }))
    : [];
  // Keep what the endpoints and the events' consumers reach, in the domain's order.
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const callee of called(edited.get(name)?.steps ?? [])) visit(callee);
  };
  for (const e of ENDPOINTS) visit(e.name);
  for (const e of events) for (const c of e.consumers) visit(c);
  return {
    operations: [...edited.values()].filter((op) => reached.has(op.name)),
    events,
  };
}
