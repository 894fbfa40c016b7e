/**
 * The `simulate` command as a function, so that the npm script (`simulate.ts`) and the one-file
 * command line (`main.ts`, bundled to `lockstep.mjs`) run the same code and print the same bytes.
 *
 * Exit 0 with the report on standard output (`--json`: one JSON document and nothing else).
 * Exit 2 with nothing on standard output when the flags or the document are invalid: a usage
 * message, or one `FILE:LINE:COLUMN: message` line per problem on standard error.
 */

import { simulateSync } from '../simulate.ts';
import { withAnalyses } from '../withAnalyses.ts';
import { parseSimulateArgs, SIMULATE_USAGE } from './args.ts';
import { formatReport } from './formatReport.ts';
import { loadDocument } from './loadDocument.ts';

/** Runs `simulate` with `argv` (the arguments after the command) and returns the exit code. */
export function runSimulate(argv: readonly string[]): number {
  const parsed = parseSimulateArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`simulate: ${parsed.message}\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  const loaded = loadDocument(args.document);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.messages.join('\n')}\n`);
    return 2;
  }
  for (const warning of loaded.warnings) process.stderr.write(`${warning}\n`);
  const report = withAnalyses(
    loaded.model,
    simulateSync(loaded.model, {
      ...(args.requests === undefined ? {} : { requests: args.requests }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
    }),
  );
  process.stdout.write(
    args.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatReport(report, { faults: loaded.model.faults }),
  );
  return 0;
}
