import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.ts';
import { parseTopology } from './parse.ts';

/** Parses, asserting it is refused quickly; returns the formatted errors. */
function refusedQuickly(text: string, budgetMs = 1000): string[] {
  const start = performance.now();
  const result = parseTopology(text, { file: 'bad.yaml' });
  const elapsed = performance.now() - start;
  expect(elapsed).toBeLessThan(budgetMs);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}

describe('hostile documents are refused quickly with a message, never a throw', () => {
  it('an alias bomb (10 levels of 10 aliases each)', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 10; i++) {
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    }
    expect(refusedQuickly(lines.join('\n'))).toEqual([
      'bad.yaml:2:10: too many aliases: the document expands aliases more than 100 times; write the values out instead',
    ]);
  });

  it('a 2 MB document, with one diagnostic at 1:1', () => {
    expect(refusedQuickly(`name: x\n# ${'x'.repeat(2_000_000)}\n`)).toEqual([
      'bad.yaml:1:1: document too large: found 2,000,011 characters; expected at most 1,000,000',
    ]);
  });

  it('500 levels of flow nesting', () => {
    const errors = refusedQuickly(`name: ${'['.repeat(500)}${']'.repeat(500)}`);
    expect(errors).toEqual([
      'bad.yaml:1:263: nesting too deep: found more than 64 levels of mappings and lists; expected at most 64',
    ]);
  });

  it('500 levels of block nesting', () => {
    const text = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(refusedQuickly(text)).toEqual([
      'bad.yaml:65:65: nesting too deep: found more than 64 levels of mappings and lists; expected at most 64',
    ]);
  });

  it('half a million unbalanced brackets', () => {
    expect(refusedQuickly(`a: ${'['.repeat(500_000)}`)[0]).toMatch(/nesting too deep/);
  });

  it('huge, non-finite and negative numbers', () => {
    const errors = refusedQuickly(`name: x
workload: { requests: 1e308, rate: .nan }
network: { latency: -5ms }
services: { a: { operations: { x: { work: .inf, steps: [ { work: -1, times: -3 } ] } } } }
endpoints: { x: { operation: a.x } }
`);
    expect(errors).toEqual([
      'bad.yaml:2:23: workload.requests: found 1e+308; expected a whole number from 1 to 5,000,000',
      'bad.yaml:2:36: workload.rate: found .nan; expected a number above 0 and at most 1,000,000',
      'bad.yaml:3:21: network.latency: found "-5ms"; a duration cannot be negative',
      'bad.yaml:4:43: services.a.operations.x.work: found .inf; expected a duration (5ms) or a distribution such as { dist: exponential, mean: 2ms }',
      'bad.yaml:4:66: services.a.operations.x.steps.0.work: found -1; a duration cannot be negative',
      'bad.yaml:4:77: services.a.operations.x.steps.0.times: found -3; expected a whole number from 1 to 1,000',
    ]);
  });

  it('more than 2,000 services', () => {
    const services = Array.from({ length: 2001 }, (_, i) => `  s${i}: { operations: { o: {} } }`);
    const text = `name: x\nservices:\n${services.join('\n')}\nendpoints: { e: { operation: s1.o } }\n`;
    expect(refusedQuickly(text, 3000)).toEqual([
      'bad.yaml:3:3: services: too many services: found 2,001; expected at most 2,000',
      'bad.yaml:3:3: services: too many operations: found 2,001; expected at most 2,000',
    ]);
  });

  it('keys that look like JavaScript internals', () => {
    const errors = refusedQuickly('name: x\n__proto__: { polluted: true }\nconstructor: 1\n');
    expect(errors).toContain(
      'bad.yaml:2:1: __proto__: unknown field "__proto__" (valid fields: name, description, style, workload, network, teams, libraries, datastores, services, bus, events, endpoints, faults, organization, changes, blastRadius)',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('multiple documents in one stream', () => {
    expect(refusedQuickly('name: a\n---\nname: b\n')[0]).toMatch(/^bad\.yaml:2:1: YAML syntax: /);
  });

  it('a value of the wrong type anywhere is an error, not a crash', () => {
    expect(refusedQuickly('name: x\nservices: 3\nendpoints: [a]\nworkload: ~\n')).toEqual([
      'bad.yaml:2:11: services: found 3; expected a mapping',
      'bad.yaml:3:12: endpoints: found a list; expected a mapping',
      'bad.yaml:4:11: workload: found nothing; expected a mapping',
    ]);
  });
});
