/**
 * The presets: generated texts in step with the YAML files, every preset valid, and the three
 * shops the same shop (endpoints, traffic mix, business work) in different architectures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Distribution, Model, Step } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';
import { loadPreset, presetNames, shopPresetNames, unknownPresetMessage } from './index.ts';
import { presetTexts } from './texts.ts';

const here = import.meta.dirname;

function model(name: string): Model {
  const result = parseTopology(loadPreset(name), { file: `${name}.yaml` });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  expect(result.warnings).toEqual([]);
  return result.model;
}

function mean(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal': {
      const sigma = Math.log(d.p99 / d.median) / 2.3263;
      return d.median * Math.exp((sigma * sigma) / 2);
    }
    case 'mixture':
      return d.of.reduce((sum, p) => sum + p.weight * mean(p.value), 0);
  }
}

/** Expected compute (ms of work, services and datastores) of one run of an operation. */
function compute(m: Model, service: string, operation: string): number {
  const op = m.services[service].operations[operation];
  const steps = (list: readonly Step[]): number => {
    let sum = 0;
    for (const step of list) {
      if (step.kind === 'work') sum += step.times * mean(step.work);
      else if (step.kind === 'call') {
        sum += step.times * step.fanout * compute(m, step.service, step.operation);
      } else if (step.kind === 'query') {
        sum += step.times * step.fanout * mean(m.datastores[step.datastore].work);
      } else if (step.kind === 'parallel') sum += step.times * steps(step.steps);
      else {
        for (const c of m.events[step.event].consumers) {
          sum += step.times * compute(m, c.service, c.operation);
        }
      }
    }
    return sum;
  };
  return mean(op.work) + steps(op.steps);
}

describe('presets', () => {
  it('texts.ts matches the YAML files (else run node simulations/presets/generate.ts)', () => {
    for (const name of presetNames) {
      expect(presetTexts[name]).toBe(readFileSync(join(here, `${name}.yaml`), 'utf8'));
    }
  });

  it.each(presetNames)('%s is valid, states its seed and runs without failures', (name) => {
    expect(loadPreset(name)).toMatch(/^\s+seed: \d+/m);
    // 5,000 requests: 25 s of the shops' traffic, 8 s of the retry storm's (before its fault).
    const report = simulateSync(model(name), { requests: 5000 });
    expect(report.overall.availability).toBe(1);
  });

  it('all presets are the same shop: endpoints, traffic mix and business work', () => {
    const models = shopPresetNames.map(model);
    const mix = (m: Model) =>
      Object.values(m.endpoints).map((e) => [e.name, Number(e.weight.toFixed(6))]);
    const perRequest = (m: Model) =>
      Object.values(m.endpoints).reduce(
        (sum, e) => sum + e.weight * compute(m, e.service, e.operation),
        0,
      );
    const [first, ...others] = models;
    expect(mix(first).map(([n]) => n)).toEqual([
      'browse',
      'product',
      'add-to-cart',
      'checkout',
      'order-history',
    ]);
    for (const m of others) {
      expect(mix(m)).toEqual(mix(first));
      expect(m.workload).toEqual(first.workload);
      // "Roughly the same total compute": within 15% of the monolith's.
      expect(perRequest(m) / perRequest(first)).toBeGreaterThan(0.85);
      expect(perRequest(m) / perRequest(first)).toBeLessThan(1.15);
    }
  });

  it('an unknown preset gets a suggestion', () => {
    expect(unknownPresetMessage('microservice')).toBe(
      'unknown preset "microservice"; did you mean "microservices"?',
    );
    expect(() => loadPreset('nope')).toThrow(/presets are "monolith"/);
  });
});
