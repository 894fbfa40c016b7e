import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { loadPreset } from '../presets/index.ts';
import type { Report, WorkflowReport } from '../report/types.ts';
import { simulateSync } from '../simulate.ts';
import { applyControls } from './controls.ts';
import {
  clampWorkflow,
  DEFAULT_WORKFLOW,
  type WorkflowSettings,
  workflowYaml,
} from './workflows.ts';

function model(preset: 'order-orchestrated' | 'order-choreographed', s: WorkflowSettings): Model {
  const result = parseTopology(workflowYaml(loadPreset(preset), s), { file: `${preset}.yaml` });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

function run(preset: 'order-orchestrated' | 'order-choreographed', s: WorkflowSettings): Report {
  return simulateSync(model(preset, s), {});
}

function workflow(report: Report): WorkflowReport {
  const w = report.endpoints['place-order']?.workflow;
  if (w === undefined) throw new Error('no workflow report');
  return w;
}

describe('workflowYaml', () => {
  it('moves and resizes the fault and sets the tries of every step in both documents', () => {
    const s = { step: 'payments', outageS: 25, tries: 5 } as const;
    const orchestrated = model('order-orchestrated', s);
    expect(orchestrated.faults).toHaveLength(1);
    expect(orchestrated.faults[0]).toMatchObject({ kind: 'down', from: 10_000, until: 35_000 });
    expect(orchestrated.faults[0]?.target).toEqual({ kind: 'service', service: 'payments' });
    const calls = orchestrated.services.orders?.operations['place-order']?.steps.filter(
      (step) => step.kind === 'call',
    );
    expect(calls?.map((c) => (c.kind === 'call' ? c.retry.attempts : 0))).toEqual([5, 5, 5, 5]);
    // The bus counts redeliveries after the first delivery: five tries are four redeliveries.
    expect(model('order-choreographed', s).bus.redelivery.attempts).toBe(4);
    expect(model('order-choreographed', { ...s, outageS: 0 }).faults).toEqual([]);
  });

  it('keeps out-of-range settings in range', () => {
    expect(clampWorkflow({ step: 'nope' as 'shipping', outageS: 900, tries: 0.2 })).toEqual({
      step: DEFAULT_WORKFLOW.step,
      outageS: 40,
      tries: 2,
    });
    expect(clampWorkflow({ outageS: Number.NaN }).outageS).toBe(DEFAULT_WORKFLOW.outageS);
  });

  it('refuses a document it was not written for', () => {
    expect(() => workflowYaml(loadPreset('monolith'), DEFAULT_WORKFLOW)).toThrow(/no retry/);
  });
});

describe('orchestration against choreography', () => {
  it('the twins hold resources and work equal', () => {
    const a = model('order-orchestrated', DEFAULT_WORKFLOW);
    const b = model('order-choreographed', DEFAULT_WORKFLOW);
    for (const name of Object.keys(a.services)) {
      const [sa, sb] = [a.services[name], b.services[name]];
      expect([sb?.replicas, sb?.cpus, sb?.concurrency]).toEqual([
        sa?.replicas,
        sa?.cpus,
        sa?.concurrency,
      ]);
      for (const [op, o] of Object.entries(sa?.operations ?? {})) {
        expect(sb?.operations[op]?.work).toEqual(o.work);
        expect(sb?.operations[op]?.sideEffect).toBe(o.sideEffect);
      }
    }
    expect(b.workload).toEqual(a.workload);
    expect(b.datastores).toEqual(a.datastores);
  });

  it('without a fault every order is done both ways', () => {
    for (const preset of ['order-orchestrated', 'order-choreographed'] as const) {
      const w = workflow(run(preset, { ...DEFAULT_WORKFLOW, outageS: 0 }));
      expect(w.done).toBe(w.requests);
    }
  });

  it('shipping down: the orchestrator fails the user after charging; the chain answers OK and stops', () => {
    const orchestrated = workflow(run('order-orchestrated', DEFAULT_WORKFLOW));
    const choreographed = workflow(run('order-choreographed', DEFAULT_WORKFLOW));
    // Visible: the users of the orchestrated shop saw every failure, and were charged for it.
    expect(orchestrated.failed).toBeGreaterThan(300);
    expect(orchestrated.failedAfterEffects).toBe(orchestrated.failed);
    expect(orchestrated.halfDone).toBe(0);
    // Invisible: nobody saw the chain stop.
    expect(choreographed.failed).toBe(0);
    expect(choreographed.halfDone).toBeGreaterThan(300);
    // The same orders are lost either way, to within binomial noise: the same tries per step.
    const n = orchestrated.requests;
    const p = orchestrated.failed / n;
    const se = Math.sqrt((2 * p * (1 - p)) / n);
    expect(Math.abs(choreographed.halfDone / n - p)).toBeLessThan(4 * se);
  });

  it('the chain answers users sooner, and finishes its work a little later', () => {
    const healthy = { ...DEFAULT_WORKFLOW, outageS: 0 };
    const a = run('order-orchestrated', healthy);
    const b = run('order-choreographed', healthy);
    expect(b.overall.latencyMs.p99).toBeLessThan(a.overall.latencyMs.p50);
    expect(workflow(b).completionMs.p50).toBeGreaterThan(workflow(a).completionMs.p50);
  });

  it('more tries ride out a short outage that fewer tries do not', () => {
    const short = { step: 'notifications', outageS: 2 } as const;
    const few = workflow(run('order-choreographed', { ...short, tries: 2 }));
    const many = workflow(run('order-choreographed', { ...short, tries: 5 }));
    expect(few.halfDone).toBeGreaterThan(20);
    expect(many.halfDone).toBe(0);
  });

  it('a step failing p of its runs loses p³ of the orders with three tries, both ways', () => {
    const p = 0.3;
    const expected = p ** 3;
    for (const preset of ['order-orchestrated', 'order-choreographed'] as const) {
      const healthy = model(preset, { ...DEFAULT_WORKFLOW, outageS: 0 });
      const flaky = applyControls(healthy, [
        { control: 'failureRate', target: 'shipping', value: p },
      ]);
      const w = workflow(simulateSync(flaky, {}));
      const lost = (w.failed + w.halfDone) / w.requests;
      const se = Math.sqrt((expected * (1 - expected)) / w.requests);
      expect(Math.abs(lost - expected)).toBeLessThan(4 * se);
    }
  });
});
