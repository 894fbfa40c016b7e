import { describe, expect, it } from 'vitest';
import { shopModel } from '../presets/shop/index.ts';
import { applyControls, readControl } from './controls.ts';

describe('the bulkhead control', () => {
  const model = shopModel({ cut: 'distributed-monolith' });
  const callsInto = (m: typeof model, service: string) =>
    Object.values(m.services).flatMap((s) =>
      Object.values(s.operations).flatMap((op) =>
        op.steps.filter((st) => st.kind === 'call' && st.service === service),
      ),
    );

  it('caps the calls into its target and leaves the others alone', () => {
    const edited = applyControls(model, [
      { control: 'bulkhead', target: 'recommendations', value: 20 },
    ]);
    expect(readControl(model, 'bulkhead', 'recommendations')).toBe(0);
    expect(readControl(edited, 'bulkhead', 'recommendations')).toBe(20);
    expect(callsInto(edited, 'inventory').every((s) => !('bulkhead' in s))).toBe(true);
  });

  it('removes the bulkhead at 0', () => {
    const on = applyControls(model, [
      { control: 'bulkhead', target: 'recommendations', value: 20 },
    ]);
    const off = applyControls(on, [{ control: 'bulkhead', target: 'recommendations', value: 0 }]);
    expect(readControl(off, 'bulkhead', 'recommendations')).toBe(0);
  });
});
