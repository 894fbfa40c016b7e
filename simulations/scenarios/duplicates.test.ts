import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { loadPreset } from '../presets/index.ts';
import type { SideEffectsReport } from '../report/types.ts';
import { simulateSync } from '../simulate.ts';
import { clampDuplicates, type DuplicateSettings, duplicatesYaml } from './duplicates.ts';

function model(s: DuplicateSettings): Model {
  const result = parseTopology(duplicatesYaml(loadPreset('order-duplicates'), s), {
    file: 'd.yaml',
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

function effects(s: DuplicateSettings): SideEffectsReport {
  const report = simulateSync(model(s), { requests: 2000 });
  if (report.sideEffects === undefined) throw new Error('no side effects in the report');
  return report.sideEffects;
}

describe('duplicatesYaml', () => {
  it('sets the duplicate rate and every consumer flag', () => {
    const all = model({ duplicateRate: 0.05, dedup: 'every-consumer' });
    expect(all.bus.duplicateRate).toBe(0.05);
    const flags = Object.values(all.events).flatMap((e) => e.consumers.map((c) => c.idempotent));
    expect(flags).toEqual([true, true, true, true]);
    const none = model({ duplicateRate: 0.05, dedup: 'no-consumer' });
    expect(Object.values(none.events).flatMap((e) => e.consumers.map((c) => c.idempotent))).toEqual(
      [false, false, false, false],
    );
    // The e-mail's strict schema survives the edit: rule 2 still has something to say.
    expect(none.events['shipment-booked']?.consumers[0]?.ignoresUnknownFields).toBe(false);
    const written = model({ duplicateRate: 0.01, dedup: 'as-written' });
    expect(
      Object.values(written.events).flatMap((e) => e.consumers.map((c) => c.idempotent)),
    ).toEqual([true, true, true, false]);
  });

  it('keeps bad settings in range', () => {
    expect(clampDuplicates({ duplicateRate: 7, dedup: 'x' as 'as-written' })).toEqual({
      duplicateRate: 0.1,
      dedup: 'as-written',
    });
    expect(clampDuplicates({ duplicateRate: Number.NaN }).duplicateRate).toBe(0.01);
  });

  it('is the choreographed workflow line for line, but for its duplicate rate and fault', () => {
    const parse = (text: string) => {
      const r = parseTopology(text, { file: 'x.yaml' });
      if (!r.ok) throw new Error('invalid');
      return r.model;
    };
    const a = parse(loadPreset('order-duplicates'));
    const b = parse(loadPreset('order-choreographed'));
    expect({ ...a.bus, duplicateRate: 0 }).toEqual(b.bus);
    expect(a.services).toEqual(b.services);
    expect(a.events).toEqual(b.events);
    expect(a.workload).toEqual(b.workload);
    expect(a.faults).toEqual([]);
  });
});

describe('at-least-once delivery', () => {
  it('an idempotent consumer applies nothing twice; one that is not applies the repeats', () => {
    const all = effects({ duplicateRate: 0.02, dedup: 'every-consumer' });
    expect(all.duplicates).toBe(0);
    expect(all.deduplicated).toBeGreaterThan(0);
    const none = effects({ duplicateRate: 0.02, dedup: 'no-consumer' });
    expect(none.deduplicated).toBe(0);
    // Same seed, same run: every repeat the idempotent consumers caught is now applied instead.
    expect(none.duplicates).toBe(all.deduplicated);
  });

  it('a bus that never duplicates leaves nothing to dedupe', () => {
    const clean = effects({ duplicateRate: 0, dedup: 'no-consumer' });
    expect(clean.duplicates + clean.deduplicated).toBe(0);
  });

  it('repeats compound along the chain: the last consumer sees the most', () => {
    const by = effects({ duplicateRate: 0.05, dedup: 'no-consumer' }).byOperation;
    const order = [
      'inventory.reserve-stock',
      'payments.charge',
      'shipping.schedule-shipping',
      'notifications.send-receipt',
    ];
    const repeats = order.map((op) => by[op]?.duplicates ?? 0);
    expect(repeats[3]).toBeGreaterThan(2 * (repeats[0] ?? 0));
  });
});
