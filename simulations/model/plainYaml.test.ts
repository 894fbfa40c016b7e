import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { readPlainYaml } from './plainYaml.ts';

/** What `readYaml` gets from the `yaml` package: the data, or undefined when it reports errors. */
function yamlRead(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    version: '1.2',
  });
  return doc.errors.length > 0 ? undefined : { value: doc.toJS({ maxAliasCount: 100 }) };
}

const dir = (name: string) => new URL(`${name}/`, import.meta.url);
const documents = [
  ...readdirSync(dir('../presets'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => new URL(f, dir('../presets'))),
  ...readdirSync(dir('fixtures')).map((f) => new URL(f, dir('fixtures'))),
].map((url) => ({
  name: url.pathname.split('/').slice(-2).join('/'),
  text: readFileSync(url, 'utf8'),
}));

describe('readPlainYaml', () => {
  it.each(documents)('reads $name itself, to the same data as yaml', ({ text }) => {
    const plain = readPlainYaml(text, 64);
    expect(plain).toBeDefined();
    expect(plain?.value).toStrictEqual(yamlRead(text)?.value);
  });

  it('reads the common shapes', () => {
    const text = [
      '# a comment',
      'name: Shop, monolith # trailing comment',
      'description: >-',
      '  One process holds every',
      '  module.',
      '',
      '  Second paragraph.',
      'literal: |',
      '  line one',
      '  line two',
      'workload: { requests: 20000, rate: 0.5, seed: 0x1F, arrivals: poisson }',
      "tags: [a, \"b c\", 'it''s', [1, 2], {}]",
      'empty:',
      'steps:',
      '- call: a.b',
      '  timeout: 5ms',
      '-   query: db',
      '- 2%',
      'flags: { on: true, off: FALSE, none: ~, inf: -.inf }',
    ].join('\n');
    expect(readPlainYaml(text, 64)?.value).toStrictEqual({
      name: 'Shop, monolith',
      description: 'One process holds every module.\nSecond paragraph.',
      literal: 'line one\nline two\n',
      workload: { requests: 20000, rate: 0.5, seed: 31, arrivals: 'poisson' },
      tags: ['a', 'b c', "it's", [1, 2], {}],
      empty: null,
      steps: [{ call: 'a.b', timeout: '5ms' }, { query: 'db' }, '2%'],
      flags: { on: true, off: false, none: null, inf: Number.NEGATIVE_INFINITY },
    });
    expect(readPlainYaml(text, 64)?.value).toStrictEqual(yamlRead(text)?.value);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['a document marker', '---\na: 1\n'],
    ['a quoted key', '"a": 1\n'],
    ['a numeric key', '1: a\n'],
    ['nesting beyond the limit', 'a:\n  b:\n    c: 1\n'],
    ['a syntax error', 'a: b: c\n'],
  ])('leaves %s to yaml', (_what, text) => {
    expect(readPlainYaml(text, 2)).toBeUndefined();
  });

  it('never reads a mutated preset differently from yaml', () => {
    const pieces = [' ', ':', '-', '#', '\n', '{', '}', '[', ']', ',', '"', "'", '|', '>', '~'];
    const edit = fc.record({
      at: fc.nat(),
      drop: fc.nat({ max: 3 }),
      insert: fc.constantFrom(...pieces, '', '  ', '\n  ', '\n- ', ': ', 'x', '1', '.', '&', '*'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...documents.map((d) => d.text)),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (original, edits) => {
          let text = original;
          for (const { at, drop, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + drop);
          }
          const plain = readPlainYaml(text, 64);
          if (plain === undefined) return;
          expect(plain.value).toStrictEqual(yamlRead(text)?.value);
        },
      ),
      { numRuns: 3000, seed: 16 },
    );
  });

  it('reads what yaml writes, in every style, to the same data as yaml', () => {
    const key = fc.oneof(
      fc.constantFrom('a', 'name', 'p99', 'x-y', 'a.b', 'true', '1', 'null', '__proto__'),
      fc.string({ maxLength: 6 }),
    );
    const scalar = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('5ms', '2%', '0x1F', '.inf', '1e3', '~', 'a: b', 'a #b', 'x\ny', 'a\n\nb\n'),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    const options = fc.record({
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      collectionStyle: fc.constantFrom('any', 'flow', 'block'),
      defaultStringType: fc.constantFrom(
        'PLAIN',
        'QUOTE_DOUBLE',
        'QUOTE_SINGLE',
        'BLOCK_FOLDED',
        'BLOCK_LITERAL',
      ),
      lineWidth: fc.constantFrom(0, 20, 80),
    });
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), options, (data, o) => {
        const text = stringify(data, null, o);
        const plain = readPlainYaml(text, 64);
        if (plain === undefined) return;
        expect(plain.value).toStrictEqual(yamlRead(text)?.value);
      }),
      { numRuns: 3000, seed: 16 },
    );
  });
});
