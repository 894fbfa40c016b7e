import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import { documentNames, nameCompletion, quickFix } from './editorAssist.ts';

const DOC = `name: x
teams: { shop: {} }
libraries: { models: { kind: model } }
services:
  web:
    team: shop
    libraries: [models]
    operations:
      home:
        steps:
          - call: web.helper
            timeout: 50ms
          - call: ordrs.list
          - query: dbb
      helper: { work: 1ms }
  orders:
    operations:
      list: { work: 1ms }
datastores:
  db: {}
events:
  placed:
    publisher: orders
    consumers:
      - web.helper
endpoints:
  home: { operation: web.home }
`;

function apply(text: string, fix: NonNullable<ReturnType<typeof quickFix>>): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return (
    text.slice(0, offset(fix.startLine, fix.startColumn)) +
    fix.text +
    text.slice(offset(fix.endLine, fix.endColumn))
  );
}

describe('editor assistance', () => {
  it('collects every kind of name the document defines', () => {
    const names = documentNames(DOC);
    expect(names.services).toEqual(['web', 'orders']);
    expect(names.operations).toEqual(['web.home', 'web.helper', 'orders.list']);
    expect(names.datastores).toEqual(['db']);
    expect(names.events).toEqual(['placed']);
    expect(names.libraries).toEqual(['models']);
    expect(names.teams).toEqual(['shop']);
  });

  it('offers the names a field takes at the cursor', () => {
    const names = documentNames(DOC);
    const at = (text: string) => {
      const lines = text.split('\n');
      const line = lines.length;
      return nameCompletion(text, line, (lines.at(-1) ?? '').length + 1, names);
    };
    expect(at('          - call: or')).toMatchObject({ kind: 'operations', startColumn: 19 });
    expect(at('          - query: ')?.names).toEqual(['db']);
    expect(at('  home: { operation: we')?.names).toEqual(['web.home', 'web.helper', 'orders.list']);
    expect(at('    team: ')?.names).toEqual(['shop']);
    expect(at('    libraries: [mo')?.names).toEqual(['models']);
    expect(at('    publisher: ')?.names).toEqual(['web', 'orders']);
    expect(at('events:\n  a:\n    consumers:\n      - ')?.kind).toBe('operations');
    expect(at('  - { target: ')?.kind).toBe('target');
    expect(at('    replicas: ')).toBeUndefined();
    expect(at('    work')).toBeUndefined();
  });

  it('turns "did you mean" and "remove timeout" into fixes that make the document valid', () => {
    let text = DOC;
    for (let round = 0; round < 5; round++) {
      const parsed = parseTopology(text);
      if (parsed.ok) break;
      const fixable = parsed.errors.map((d) => quickFix(d, text)).find((f) => f !== undefined);
      expect(fixable).toBeDefined();
      if (!fixable) break;
      text = apply(text, fixable);
    }
    expect(parseTopology(text).ok).toBe(true);
    expect(text).toContain('call: orders.list');
    expect(text).toContain('query: db');
    expect(text).not.toContain('timeout');
  });

  it('offers no fix where the message names none', () => {
    const parsed = parseTopology(
      'name: x\nworkload: { requests: 0 }\nservices: { a: { operations: { b: {} } } }\nendpoints: { e: { operation: a.b } }\n',
    );
    if (parsed.ok) throw new Error('expected an error');
    expect(parsed.errors.map((d) => quickFix(d, ''))).toEqual([undefined]);
  });

  it('reads a preset without trouble', () => {
    expect(documentNames(loadPreset('distributed-monolith')).services.length).toBeGreaterThan(3);
  });
});
