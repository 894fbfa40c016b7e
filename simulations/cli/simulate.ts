/**
 * `npm run --silent simulate -- FILE.yaml|PRESET [--requests N] [--seed S] [--json]`: the npm
 * script's entry point. The command itself is `simulateCommand.ts`, shared with `lockstep.mjs`.
 */
import { runSimulate } from './simulateCommand.ts';

process.exitCode = runSimulate(process.argv.slice(2));
