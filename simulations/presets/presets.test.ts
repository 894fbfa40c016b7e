/**
 * The presets: generated files in step with their sources, every preset valid, and the three
 * shops the same shop (endpoints, traffic mix, business work) in different architectures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Distribution, Model, Step } from '../model/types.ts';
import { simulateSync } from '../simulate.ts';
import { loadPreset, presetNames, shopPresetNames, unknownPresetMessage } from './index.ts';
import { CUTS, shopYaml } from './shop/index.ts';
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

/** Expected business work of one run of an operation: own CPU ms, and queries by datastore. */
function work(m: Model, service: string, operation: string, into: Map<string, number>): number {
  const op = m.services[service].operations[operation];
  const add = (k: string, v: number) => into.set(k, (into.get(k) ?? 0) + v);
  const steps = (list: readonly Step[], n: number): number => {
    let sum = 0;
    for (const step of list) {
      const k = n * step.times;
      if (step.kind === 'work') sum += k * mean(step.work);
      else if (step.kind === 'call') {
        sum += k * step.fanout * work(m, step.service, step.operation, into);
      } else if (step.kind === 'query') {
        // Own datastores are one pool of business queries; the card processor stays apart.
        add(step.datastore === 'card-processor' ? 'card-processor' : 'shop', k * step.fanout);
      } else if (step.kind === 'parallel') sum += steps(step.steps, k);
      else {
        for (const c of m.events[step.event].consumers) {
          sum += k * work(m, c.service, c.operation, into);
        }
      }
    }
    return sum;
  };
  return mean(op.work) + steps(op.steps, 1);
}

describe('presets', () => {
  it('the shop YAML files are the shop description rendered (else run npm run presets)', () => {
    for (const cut of CUTS) {
      expect(readFileSync(join(here, `${cut.name}.yaml`), 'utf8')).toBe(
        shopYaml({ cut: cut.name }),
      );
    }
  });

  it('texts.ts matches the YAML files (else run npm run presets)', () => {
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
    /** Own CPU ms per request (message overhead aside) and queries per request. */
    const perRequest = (m: Model) => {
      const queries = new Map<string, number>();
      let cpu = 0;
      for (const e of Object.values(m.endpoints)) {
        const q = new Map<string, number>();
        cpu += e.weight * work(m, e.service, e.operation, q);
        for (const [k, v] of q) queries.set(k, (queries.get(k) ?? 0) + e.weight * v);
      }
      return { cpu: Number(cpu.toFixed(9)), queries: Object.fromEntries(queries) };
    };
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
      // Exactly the same business: the same CPU work and the same queries per request.
      expect(perRequest(m).cpu).toBe(perRequest(first).cpu);
      expect(perRequest(m).queries).toEqual(perRequest(first).queries);
    }
  });

  it('an unknown preset gets a suggestion', () => {
    expect(unknownPresetMessage('microservice')).toBe(
      'unknown preset "microservice"; did you mean "microservices"?',
    );
    expect(() => loadPreset('nope')).toThrow(/presets are "monolith"/);
  });
});
