/**
 * Command-line arguments of `simulate` (and of commands shaped like it): one positional FILE or
 * PRESET, and flags. Returns a message instead of throwing, so every command prints it the same way.
 */

export interface SimulateArgs {
  /** A YAML file or a preset name. */
  readonly document: string;
  /** Overrides `workload.requests`. */
  readonly requests?: number;
  /** Overrides `workload.seed`. */
  readonly seed?: number;
  /** Print the report as one JSON document. */
  readonly json: boolean;
  /** `--help` was asked for. */
  readonly help: boolean;
}

// One text for both ways of running the command, so the npm script and `lockstep.mjs` print the
// same bytes (a team's CI can swap one for the other and diff nothing).
export const SIMULATE_USAGE = [
  'usage: npm run --silent simulate -- FILE.yaml|PRESET [--requests N] [--seed S] [--json]',
  '   or: node lockstep.mjs simulate FILE.yaml|PRESET [the same flags]',
  '',
  '  FILE.yaml|PRESET  a topology document, or a preset: monolith, distributed-monolith,',
  '                    microservices',
  "  --requests N      user requests to simulate, 1 to 5,000,000 (default: the workload's)",
  "  --seed S          seed of the random generator, an integer (default: the workload's)",
  '  --json            print the report as JSON (nothing else on standard output)',
].join('\n');

export const MAX_REQUESTS = 5_000_000;

export type ParseArgsResult =
  | { readonly ok: true; readonly args: SimulateArgs }
  | { readonly ok: false; readonly message: string };

/** Parses `argv` (without node and the script). Accepts `--flag value` and `--flag=value`. */
export function parseSimulateArgs(argv: readonly string[]): ParseArgsResult {
  let document: string | undefined;
  let requests: number | undefined;
  let seed: number | undefined;
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--json':
        if (inline !== undefined) return fail('--json takes no value');
        json = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--requests': {
        const v = value();
        const n = integer(v);
        if (n === undefined || n < 1 || n > MAX_REQUESTS) {
          return fail(`--requests: found ${show(v)}; expected an integer from 1 to 5,000,000`);
        }
        requests = n;
        break;
      }
      case '--seed': {
        const v = value();
        const n = integer(v);
        if (n === undefined) return fail(`--seed: found ${show(v)}; expected an integer`);
        seed = n;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-')
          return fail(`unknown option ${JSON.stringify(arg)}`);
        if (document !== undefined) {
          return fail(
            `one document at a time: found ${JSON.stringify(document)} and ${JSON.stringify(arg)}`,
          );
        }
        document = arg;
    }
  }
  if (help) return { ok: true, args: { document: document ?? '', json, help } };
  if (document === undefined) return fail('missing FILE.yaml or PRESET');
  return {
    ok: true,
    args: {
      document,
      json,
      help,
      ...(requests === undefined ? {} : { requests }),
      ...(seed === undefined ? {} : { seed }),
    },
  };
}

function fail(message: string): ParseArgsResult {
  return { ok: false, message };
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d[\d_]*$/.test(text)) return undefined;
  const n = Number(text.replaceAll('_', ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

function show(text: string | undefined): string {
  return text === undefined ? 'nothing' : JSON.stringify(text);
}
