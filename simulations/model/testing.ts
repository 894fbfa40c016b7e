/** Helpers for the model tests: parse and get `FILE:LINE:COLUMN: message` lines. */
import { readFileSync } from 'node:fs';
import { formatDiagnostic } from './diagnostics.ts';
import { parseTopology } from './parse.ts';
import type { Model } from './types.ts';

/** The formatted errors of a document that must not parse. */
export function errorsOf(text: string, file = 'doc.yaml'): string[] {
  const result = parseTopology(text, { file });
  if (result.ok) throw new Error('expected the document to be refused, but it parsed');
  return result.errors.map(formatDiagnostic);
}

/** The model of a document that must parse. */
export function modelOf(text: string): Model {
  const result = parseTopology(text);
  if (!result.ok)
    throw new Error(`expected a model, got:\n${result.errors.map(formatDiagnostic).join('\n')}`);
  return result.model;
}

/** A fixture's text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** A minimal valid document: one service, one endpoint. */
export const MINIMAL = `name: Minimal
services:
  app:
    operations:
      home: {}
endpoints:
  home: { operation: app.home }
`;
