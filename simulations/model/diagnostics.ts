/**
 * A located problem in a topology document. Every consumer (command line, editor markers,
 * URL loader) prints or draws these, so they carry both a human line/column and the
 * document path of the offending value.
 */
export interface Diagnostic {
  /** File name as given by the caller (`<input>` when there is none). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** 1-based, inclusive end of the offending span (for editor underlines). */
  readonly endLine: number;
  readonly endColumn: number;
  /** Dotted path of the field, e.g. `services.gateway.operations.checkout.steps.0.call`. */
  readonly path: string;
  readonly severity: 'error' | 'warning';
  /** Names the field, what was found and what would be valid. */
  readonly message: string;
}

/** `FILE:LINE:COLUMN: message`, the form the command line prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}
