/**
 * `node lockstep.mjs simulate|check …`: the one-file command line (`scripts/build-cli.mjs` bundles
 * this module into `dist/cli/lockstep.mjs`). Each subcommand is the npm script's own code, so the
 * output and exit codes are the same byte for byte.
 *
 * The commands are imported when chosen, not at start: `--help` and a mistyped command then pay
 * for neither the YAML parser nor the schema, and the bundler keeps them in the one file.
 */

const USAGE = [
  'usage: node lockstep.mjs simulate FILE.yaml|PRESET [--requests N] [--seed S] [--json]',
  '       node lockstep.mjs check FILE|PRESET [--fail-on warn|bad] [--format text|json|markdown]',
  '                                           [--requests N] [--seed S] [--static]',
  '       node lockstep.mjs COMMAND --help',
  '',
  '  simulate  simulate a topology document or preset and print the report',
  '  check     print the distributed-monolith scorecard, blast radius and lockstep groups;',
  '            with --fail-on, exit 1 when a verdict reaches that level (for CI)',
  '',
  'Exit codes: 0 done, 1 check failed its --fail-on gate, 2 bad flags or an invalid document.',
].join('\n');

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'simulate':
      return (await import('./simulateCommand.ts')).runSimulate(rest);
    case 'check':
      return (await import('./checkCommand.ts')).runCheck(rest);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      process.stderr.write(`lockstep: missing COMMAND (simulate or check)\n${USAGE}\n`);
      return 2;
    default:
      process.stderr.write(
        `lockstep: unknown command ${JSON.stringify(command)}; expected simulate or check\n${USAGE}\n`,
      );
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));

// No imports at the top (see above), so this says it is a module, for top-level await.
export {};
