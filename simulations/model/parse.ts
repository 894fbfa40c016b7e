/**
 * `parseTopology`: YAML text → a validated `Model`, or every problem at once, each located.
 *
 * Stages: read YAML within limits (`yamlSource`), check sizes (`limits`), validate the shape
 * with the zod schema (`zodIssues`), check references and call cycles (`references`), then
 * build the model (`normalise`). The reference checks read the raw data defensively, so they
 * run even when the schema found problems elsewhere. Nothing here throws: an unexpected
 * exception becomes one diagnostic.
 */
import type { Diagnostic } from './diagnostics.ts';
import { checkLimits } from './limits.ts';
import { normalise } from './normalise.ts';
import { checkReferences } from './references.ts';
import { topologySchema } from './schema.ts';
import type { Model } from './types.ts';
import { readYaml } from './yamlSource.ts';
import { issuesToDiagnostics, type KnownKeys, recordingErrorMap } from './zodIssues.ts';

/** The outcome of parsing: a model with warnings, or the errors (warnings included) that stop it. */
export type ParseResult =
  | { readonly ok: true; readonly model: Model; readonly warnings: Diagnostic[] }
  | { readonly ok: false; readonly errors: Diagnostic[] };

/** Options of `parseTopology`. */
export interface ParseOptions {
  /** File name used in diagnostics (default `<input>`). */
  readonly file?: string;
  /**
   * The caller parses this one document and exits (the command line): zod then skips the fast
   * path it compiles for each object schema, code generation that pays for itself only over many
   * parses (the sandbox's). The result is the same either way.
   */
  readonly once?: boolean;
}

/** Parses and validates a topology document. Never throws. */
export function parseTopology(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  try {
    return parseUnsafe(typeof text === 'string' ? text : String(text), file, options.once === true);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          path: '',
          severity: 'error',
          message: `internal error while reading the document: ${message}`,
        },
      ],
    };
  }
}

function parseUnsafe(text: string, file: string, once: boolean): ParseResult {
  const read = readYaml(text, file);
  if (!read.ok) return { ok: false, errors: read.errors };
  const { value, source } = read;

  const limits = checkLimits(value, source);
  if (limits.length > 0) return { ok: false, errors: limits };

  const known: KnownKeys = new WeakMap();
  const parsed = topologySchema.safeParse(value, {
    reportInput: true,
    jitless: once,
    error: recordingErrorMap(known),
  });
  const errors: Diagnostic[] = parsed.success
    ? []
    : issuesToDiagnostics(parsed.error.issues, value, source, known);
  const references = checkReferences(value, source);
  errors.push(...references.errors);
  const warnings = references.warnings;

  if (!parsed.success || errors.length > 0) {
    return { ok: false, errors: sortDiagnostics(dedupe(errors)) };
  }
  return { ok: true, model: normalise(parsed.data), warnings: sortDiagnostics(warnings) };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
}
