/**
 * `npm run --silent check -- FILE|PRESET [--fail-on warn|bad] [--format text|json|markdown]`: the
 * npm script's entry point. The command itself is `checkCommand.ts`, shared with `lockstep.mjs`.
 */
import { runCheck } from './checkCommand.ts';

process.exitCode = await runCheck(process.argv.slice(2));
