/**
 * Orchestration against choreography: the same order workflow (`order-orchestrated.yaml`, one
 * service calling each step; `order-choreographed.yaml`, a chain of events) under a fault the
 * reader sizes: one step's service down for some seconds, and the tries each step gets (the
 * orchestrator's retry attempts, the bus's deliveries: one number for both, so the comparison
 * keeps them equal). The figure and the essay both turn these knobs here, on the YAML text of the
 * two presets, so what the reader sees is exactly a document one could paste into the sandbox.
 */

/** The steps of the workflow, in the order both documents run them. */
export const WORKFLOW_STEPS = ['inventory', 'payments', 'shipping', 'notifications'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

/** The two documents compared, by preset name, orchestrated first. */
export const WORKFLOW_PRESETS = ['order-orchestrated', 'order-choreographed'] as const;

/** When the fault starts: ten seconds of healthy traffic first. */
export const FAULT_FROM_S = 10;
/** Longest outage the figure offers: the runs last a minute, so 40 s leaves time to drain. */
export const MAX_OUTAGE_S = 40;
/**
 * Tries per step the figure offers: two (one retry) to six (0.5 + 1 + 2 + 4 + 8 s of waiting).
 * Not one: a bus always redelivers at least once, so one try could not be held equal.
 */
export const MIN_TRIES = 2;
export const MAX_TRIES = 6;

export interface WorkflowSettings {
  /** The step whose service is down. */
  readonly step: WorkflowStep;
  /** How long it is down, from `FAULT_FROM_S`; 0 = no fault. */
  readonly outageS: number;
  /** Tries per step: the first call and its retries, or the first delivery and its redeliveries. */
  readonly tries: number;
}

export const DEFAULT_WORKFLOW: WorkflowSettings = { step: 'shipping', outageS: 10, tries: 3 };

const TRIES = /\b(retry|redelivery): \{ attempts: \d+,/g;

/** The settings made safe: a known step, whole seconds within range, whole tries within range. */
export function clampWorkflow(settings: Partial<WorkflowSettings>): WorkflowSettings {
  const step = WORKFLOW_STEPS.includes(settings.step as WorkflowStep)
    ? (settings.step as WorkflowStep)
    : DEFAULT_WORKFLOW.step;
  const whole = (value: number | undefined, min: number, max: number, fallback: number) =>
    value === undefined || !Number.isFinite(value)
      ? fallback
      : Math.min(max, Math.max(min, Math.round(value)));
  return {
    step,
    outageS: whole(settings.outageS, 0, MAX_OUTAGE_S, DEFAULT_WORKFLOW.outageS),
    tries: whole(settings.tries, MIN_TRIES, MAX_TRIES, DEFAULT_WORKFLOW.tries),
  };
}

/**
 * One of the two documents with the settings applied: every step's tries set, and the step's
 * service down from `FAULT_FROM_S` for `outageS` (no fault for 0). The presets themselves are
 * healthy, like every preset. Throws when the text is not one of the two presets (no tries to
 * set, or faults of its own), so a drifted preset fails its test.
 */
export function workflowYaml(text: string, settings: WorkflowSettings): string {
  const s = clampWorkflow(settings);
  if (!TRIES.test(text))
    throw new Error('workflowYaml: the document sets no retry or redelivery attempts');
  TRIES.lastIndex = 0;
  if (/^faults:/m.test(text)) throw new Error('workflowYaml: the document has faults of its own');
  // A call's `attempts` counts every try; the bus's counts the redeliveries after the first.
  const tried = text.replace(
    TRIES,
    (_, key: string) => `${key}: { attempts: ${key === 'retry' ? s.tries : s.tries - 1},`,
  );
  if (s.outageS === 0) return tried;
  return `${tried.trimEnd()}\n\nfaults:\n  - { target: ${s.step}, kind: down, from: ${FAULT_FROM_S}s, until: ${FAULT_FROM_S + s.outageS}s }\n`;
}
