/**
 * Property tests: whatever the text, `parseTopology` returns a model or located errors, and
 * never throws. Inputs are random YAML-ish strings and random mutations of the spec example.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type ParseResult, parseTopology } from './parse.ts';
import { fixture } from './testing.ts';

const SPEC = fixture('spec-example.yaml');
const SPEC_DATA: unknown = parse(SPEC);

/** The result is well-formed: a model, or errors that each point inside the text. */
function assertWellFormed(text: string, result: ParseResult): void {
  if (result.ok) {
    expect(result.model.name.length).toBeGreaterThan(0);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/);
  for (const error of result.errors) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(Math.max(1, lines.length));
    expect(error.column).toBeLessThanOrEqual((lines[error.line - 1]?.length ?? 0) + 1);
    expect(error.message.length).toBeGreaterThan(0);
  }
}

function check(text: string): void {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseTopology(text);
  }).not.toThrow();
  if (result) assertWellFormed(text, result);
}

const yamlish = fc.array(
  fc.oneof(
    fc.constantFrom(
      ':',
      '-',
      ' ',
      '  ',
      '\n',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a',
      '*a',
      '!!str',
      '#',
      '"',
      "'",
      '|',
      '>',
      '? ',
      '---',
      '...',
      '%YAML 1.2',
      'name',
      'services',
      'steps',
      'call',
      'a.x',
      '5ms',
      '1e308',
      '.nan',
      '-5',
      '50%',
      '\t',
      '\r\n',
      '<<',
      '@',
      '`',
    ),
    fc.string({ maxLength: 8 }),
  ),
  { maxLength: 60 },
);

/** Picks an index below n from a stream of generated numbers (so shrinking works). */
type Pick = (n: number) => number;
type Mutation = (value: unknown, pick: Pick) => unknown;

/** Leaf replacements a careless or hostile author might write. */
const GARBAGE: readonly unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x.y',
  '5 sec',
  '-5ms',
  '150%',
  [],
  {},
  [[[]]],
  { dist: 'nope' },
  'unbounded',
  2 ** 53,
  0.5,
];

/** Applies one random mutation somewhere in a deep copy of the data. */
function mutate(data: unknown, pick: Pick, mutation: Mutation): unknown {
  const copy: unknown = structuredClone(data);
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      containers.push(node);
      stack.push(...node);
    } else if (typeof node === 'object' && node !== null) {
      containers.push(node as Record<string, unknown>);
      stack.push(...Object.values(node));
    }
  }
  const target = containers[pick(containers.length)];
  if (!target) return copy;
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
  if (keys.length === 0) return copy;
  const key = keys[pick(keys.length)] as string | number;
  const holder = target as Record<string | number, unknown>;
  const replaced = mutation(holder[key], pick);
  if (replaced === DELETE) {
    if (Array.isArray(target) && typeof key === 'number') target.splice(key, 1);
    else delete holder[key];
  } else {
    holder[key] = replaced;
  }
  return copy;
}

const DELETE = Symbol('delete');
const MUTATIONS: readonly Mutation[] = [
  () => DELETE,
  (_value, pick) => GARBAGE[pick(GARBAGE.length)],
  (value) => (typeof value === 'number' ? -value : typeof value === 'string' ? 42 : 'text'),
  (value) => (typeof value === 'number' ? value * 1e300 : [value]),
  (value) => (typeof value === 'string' ? `${value}x` : { garbage: value }),
  (value) => (typeof value === 'string' ? value.slice(0, -1) : value),
];

describe('parseTopology never throws', () => {
  it('on random YAML-ish text', () => {
    fc.assert(
      fc.property(yamlish, (parts) => check(parts.join(''))),
      { numRuns: 400 },
    );
  });

  it('on arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), check), {
      numRuns: 300,
    });
  });

  it('on the spec example with up to four random mutations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 16 }),
        (mutations, choices) => {
          let next = 0;
          const pick: Pick = (n) => (choices[next++ % choices.length] ?? 0) % n;
          let data = SPEC_DATA;
          for (const index of mutations) {
            const mutation = MUTATIONS[index];
            if (mutation) data = mutate(data, pick, mutation);
          }
          check(stringify(data, { aliasDuplicateObjects: false }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on the spec example with garbage inserted at a random place in the text', () => {
    fc.assert(
      fc.property(fc.nat({ max: SPEC.length }), fc.string({ maxLength: 12 }), (at, garbage) => {
        check(SPEC.slice(0, at) + garbage + SPEC.slice(at));
      }),
      { numRuns: 300 },
    );
  });
});
