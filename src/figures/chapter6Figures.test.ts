/**
 * The chapter-6 figures' pure functions, on real runs of the order presets: what a reader reads
 * off the bars, the table and the sentences under them.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Model } from '../../simulations/model/types.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import { duplicatesYaml } from '../../simulations/scenarios/duplicates.ts';
import { exploreEventChange } from '../../simulations/scenarios/eventChange.ts';
import { DEFAULT_WORKFLOW, workflowYaml } from '../../simulations/scenarios/workflows.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { describeDuplicates, duplicateRows, duplicatesPlot } from './duplicates.ts';
import { codePieces, eventChangeView } from './eventChange.ts';
import {
  describeWorkflows,
  lossDiffers,
  workflowColumns,
  workflowPlot,
  workflowTable,
} from './workflows.ts';

function parse(text: string): Model {
  const result = parseTopology(text, { file: 'x.yaml' });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

describe('workflow figure', () => {
  const runs = (['order-orchestrated', 'order-choreographed'] as const).map((p) =>
    simulateSync(parse(workflowYaml(loadPreset(p), DEFAULT_WORKFLOW)), {}),
  );
  const [orchestrated, choreographed] = runs;
  if (orchestrated === undefined || choreographed === undefined) throw new Error('two runs');
  const columns = workflowColumns(orchestrated, choreographed);

  it('puts the seen failures on the orchestrator and the unseen ones on the chain', () => {
    const [a, b] = columns;
    if (a === undefined || b === undefined) throw new Error('two columns');
    expect(a.label).toBe('Orchestrated');
    expect(a?.failed).toBeGreaterThan(0);
    expect(a?.halfDone).toBe(0);
    expect(b?.failed).toBe(0);
    expect(b?.halfDone).toBeGreaterThan(0);
    // The same tries per step lose the same orders, within noise.
    expect(lossDiffers(a, b)).toBe(false);
  });

  it('says so under the chart, naming the fault', () => {
    const text = describeWorkflows(columns, DEFAULT_WORKFLOW);
    expect(text).toMatch(
      /^shipping down for 10 s, 3 tries per step: both lose the same orders, within noise/,
    );
    expect(text).toContain('failed in front of their users');
    expect(text).toContain('nobody looked');
  });

  it('has a table row for each quantity and a bar segment per outcome', () => {
    const table = workflowTable(columns);
    expect(table.map((r) => r.key)).toEqual([
      'answer',
      'completion',
      'done',
      'failed',
      'after-effects',
      'half-done',
      'in-flight',
    ]);
    expect(table.every((r) => r.values.length === 2)).toBe(true);
    const plot = workflowPlot(columns, { width: 700 });
    expect(plot.y?.domain).toEqual(['Orchestrated', 'Choreographed']);
  });

  it('refuses a report without a workflow with a sentence', () => {
    const monolith = simulateSync(parse(loadPreset('monolith')), { requests: 200 });
    expect(() => workflowColumns(monolith, monolith)).toThrow(/no workflow/);
  });
});

describe('duplicates figure', () => {
  const run = (dedup: 'as-written' | 'no-consumer', duplicateRate = 0.01) =>
    simulateSync(parse(duplicatesYaml(loadPreset('order-duplicates'), { duplicateRate, dedup })), {
      requests: 2000,
    });

  it('lists the four steps in chain order, the e-mail the only one applying repeats', () => {
    const rows = duplicateRows(run('as-written'));
    expect(rows.map((r) => r.label)).toEqual([
      'Stock reserved',
      'Card charged',
      'Courier booked',
      'Receipt e-mailed',
    ]);
    expect(rows.slice(0, 3).every((r) => r.duplicates === 0 && r.deduplicated > 0)).toBe(true);
    expect(rows[3]?.duplicates).toBeGreaterThan(0);
    expect(duplicatesPlot(rows).y?.domain).toHaveLength(4);
  });

  it('describes the repeats, and a bus that made none', () => {
    const rows = duplicateRows(run('no-consumer'));
    expect(describeDuplicates(rows, { duplicateRate: 0.01, dedup: 'no-consumer' })).toMatch(
      /were applied a second time\. Repeats grow along the chain/,
    );
    const none = duplicateRows(run('no-consumer', 0));
    expect(describeDuplicates(none, { duplicateRate: 0, dedup: 'no-consumer' })).toBe(
      'At a duplicate rate of 0%, no delivery arrived twice.',
    );
  });
});

describe('event-change view', () => {
  const model = parse(loadPreset('order-choreographed'));

  it('a breaking change shows the broken rule, the lockstep and the safe way', () => {
    const outcome = exploreEventChange(model, {
      event: 'order-placed',
      kind: 'add-required',
      name: 'giftWrap',
      type: 'boolean',
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const view = eventChangeView(outcome.answer);
    expect(view.verdict).toBe('Breaks rule 1: a breaking change');
    expect(view.inPlace.headline).toBe(
      'Changed in place: `inventory` and `orders` must deploy together',
    );
    expect(view.safe?.headline).toBe(
      'The safe way: 3 independent releases in sequence, no lockstep',
    );
    expect(view.safe?.sequence).toEqual(['orders', 'inventory', 'orders']);
    expect(view.alternatives.at(-1)).toContain('order-placed.v2');
  });

  it('a safe change has no safe way to offer, and ships alone', () => {
    const outcome = exploreEventChange(model, {
      event: 'order-placed',
      kind: 'remove',
      field: 'coupon',
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const view = eventChangeView(outcome.answer);
    expect(view.verdict).toBe('Keeps every rule: no lockstep');
    expect(view.safe).toBeUndefined();
    expect(view.inPlace.headline).toBe('Changed in place: `orders` ships it alone');
  });

  it('splits inline code for the page', () => {
    expect(codePieces('Publish `a.v2` beside `a`.')).toEqual([
      { text: 'Publish ', code: false },
      { text: 'a.v2', code: true },
      { text: ' beside ', code: false },
      { text: 'a', code: true },
      { text: '.', code: false },
    ]);
  });
});
