/**
 * The `check` command as a function, shared by the npm script (`check.ts`) and `lockstep.mjs`.
 *
 * `npm run --silent check -- FILE|PRESET [--fail-on warn|bad] [--format text|json|markdown]`
 *
 * Prints the distributed-monolith scorecard, the blast radius (static; simulated down, hang and
 * slow; the deferred blast radius behind the bus) and the lockstep groups of a topology document.
 * With `--fail-on`, exits 1 when any verdict reaches that level, so a team can gate CI on it. An
 * invalid document exits 2 with `FILE:LINE:COLUMN: message` lines on stderr, as `simulate` does.
 * `--help` prints the flags on stdout and exits 0.
 *
 * Options beyond the issue: `--requests N` (per blast-radius run, default 2,000), `--seed S`, and
 * `--static` (skip the simulations; instant). The blast-radius heading states the wall-clock time
 * the check took, simulations included.
 */
import { check, entriesAtLeast } from '../analyses/check.ts';
import { renderMarkdown, renderText } from '../analyses/renderCheck.ts';
import type { Verdict } from '../analyses/types.ts';
import { loadDocument } from './loadDocument.ts';

// One text for both ways of running the command (see SIMULATE_USAGE in args.ts).
export const CHECK_USAGE = [
  'usage: npm run --silent check -- FILE|PRESET [--fail-on warn|bad] [--format text|json|markdown]',
  '                                 [--requests N] [--seed S] [--static]',
  '   or: node lockstep.mjs check FILE|PRESET [the same flags]',
].join('\n');

const HELP = [
  CHECK_USAGE,
  '',
  '  FILE|PRESET         a topology document, or a preset name',
  '  --fail-on warn|bad  exit 1 when any scorecard verdict reaches that level',
  '  --format F          text (default), json or markdown',
  '  --requests N        user requests per blast-radius run (default 2,000)',
  "  --seed S            seed of every run (default: the document's)",
  '  --static            skip the blast-radius simulations (instant)',
].join('\n');

interface Args {
  readonly input: string;
  readonly failOn?: Verdict;
  readonly format: 'text' | 'json' | 'markdown';
  readonly requests?: number;
  readonly seed?: number;
  readonly simulate: boolean;
  readonly help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  let input: string | undefined;
  let failOn: Verdict | undefined;
  let format: Args['format'] = 'text';
  let requests: number | undefined;
  let seed: number | undefined;
  let simulate = true;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--fail-on') {
      const v = value();
      if (v !== 'warn' && v !== 'bad') throw new UsageError(`--fail-on: "${v}" is not warn or bad`);
      failOn = v;
    } else if (arg === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'markdown') {
        throw new UsageError(`--format: "${v}" is not text, json or markdown`);
      }
      format = v;
    } else if (arg === '--requests') {
      requests = positiveInteger(arg, value());
    } else if (arg === '--seed') {
      seed = Number(value());
      if (!Number.isFinite(seed)) throw new UsageError('--seed: expected a number');
    } else if (arg === '--static') {
      simulate = false;
    } else if (arg === '--help' || arg === '-h') {
      help = true;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (input === undefined) {
      input = arg;
    } else {
      throw new UsageError(`one document at a time (got "${input}" and "${arg}")`);
    }
  }
  if (help) return { input: input ?? '', failOn, format, requests, seed, simulate, help };
  if (input === undefined) throw new UsageError('no document given');
  return { input, failOn, format, requests, seed, simulate, help };
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag}: "${text}" is not a positive integer`);
  return n;
}

/** Runs `check` with `argv` (the arguments after the command) and resolves to the exit code. */
export async function runCheck(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`check: ${error.message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const loaded = loadDocument(args.input);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.messages.join('\n')}\n`);
    return 2;
  }
  for (const warning of loaded.warnings) process.stderr.write(`${warning}\n`);
  const result = await check(loaded.model, {
    simulate: args.simulate,
    requests: args.requests,
    seed: args.seed,
  });
  if (args.format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (args.format === 'markdown') process.stdout.write(renderMarkdown(result));
  else process.stdout.write(renderText(result));
  if (args.failOn !== undefined) {
    const failing = entriesAtLeast(result.analyses.scorecard, args.failOn);
    if (failing.length > 0) {
      process.stderr.write(`check: ${failing.join(', ')} at or above ${args.failOn}\n`);
      return 1;
    }
  }
  return 0;
}
