/**
 * The shop's business, once, whatever the architecture: its modules, their operations (own CPU
 * work, queries of the module's own data, calls to other modules' operations) and the traffic
 * mix. The cuts (`cuts.ts`) decide which process each module runs in and where its data lives; the
 * design choices (`design.ts`) rewrite the steps. Nothing here knows about either.
 *
 * The steps are written "as first written": one after the other, one call per cart line, side
 * effects called synchronously, every call required. What a design choice may change is marked on
 * the step (`independent`, `perLine`, `sideEffect`, `niceToHave`), because whether two lookups are
 * independent or a call is a side effect is a fact of the business, not of the design.
 */
import type { Distribution } from '../../model/types.ts';

/** The shop's modules, in the order the documents list them. */
export const MODULES = [
  'gateway',
  'catalog',
  'recommendations',
  'cart',
  'pricing',
  'inventory',
  'orders',
  'payments',
  'notifications',
  'shipping',
] as const;

export type ModuleName = (typeof MODULES)[number];

/** Where a query goes: a module's own tables, or the external card processor. */
export type DataName = ModuleName | 'card-processor';

export interface PlanCall {
  readonly kind: 'call';
  /** An operation of `OPERATIONS`. */
  readonly operation: string;
  readonly times: number;
  readonly optional: boolean;
  /** Per attempt, ms; written only where the call is remote (an in-process call cannot time out). */
  readonly timeout?: number;
  /** Written only where the call is remote. */
  readonly retry?: RetryChoice;
  /** Steps with the same mark do not depend on each other (the `parallel` choice). */
  readonly independent?: string;
  /** One call per cart line that a batch operation can replace (the `batch` choice). */
  readonly perLine?: { readonly batch: string };
  /** A side effect the user need not wait for, announced by this event (the `async` choice). */
  readonly sideEffect?: string;
  /** The page is still useful without it (the `optional` choice). */
  readonly niceToHave?: boolean;
  /** Why the step is there, for the YAML comment. */
  readonly note?: string;
}

export interface PlanQuery {
  readonly kind: 'query';
  readonly data: DataName;
  /** Reads are idempotent and may be retried; writes are not retried blindly. */
  readonly access: 'read' | 'write';
  readonly times: number;
  readonly fanout: number;
  readonly timeout?: number;
  readonly retry?: RetryChoice;
  readonly independent?: string;
  readonly note?: string;
}

export interface PlanParallel {
  readonly kind: 'parallel';
  readonly steps: readonly PlanStep[];
  readonly note?: string;
}

export interface PlanPublish {
  readonly kind: 'publish';
  readonly event: string;
  readonly note?: string;
}

export type PlanStep = PlanCall | PlanQuery | PlanParallel | PlanPublish;

/** The retry policy the `resilience` choice writes (the same everywhere it applies). */
export interface RetryChoice {
  readonly attempts: number;
  readonly backoff: 'exponential';
  readonly base: number;
  readonly cap: number;
  readonly jitter: 'full';
}

export interface PlanOperation {
  readonly name: string;
  readonly module: ModuleName;
  /** Own CPU work, before the steps. */
  readonly work: Distribution;
  readonly steps: readonly PlanStep[];
  /** Safe to repeat: the `resilience` choice retries calls to it. */
  readonly idempotent: boolean;
  /** How long a caller should wait for one attempt (the `resilience` choice), ms. */
  readonly timeout: number;
  readonly note?: string;
}

const exp = (mean: number): Distribution => ({ dist: 'exponential', mean });
const constant = (value: number): Distribution => ({ dist: 'constant', value });

function call(operation: string, more: Partial<Omit<PlanCall, 'kind' | 'operation'>> = {}) {
  return { kind: 'call', operation, times: 1, optional: false, ...more } satisfies PlanCall;
}

function query(
  data: DataName,
  access: PlanQuery['access'],
  more: Partial<Omit<PlanQuery, 'kind' | 'data' | 'access'>> = {},
) {
  return { kind: 'query', data, access, times: 1, fanout: 1, ...more } satisfies PlanQuery;
}

function op(
  name: string,
  module: ModuleName,
  work: Distribution,
  steps: readonly PlanStep[],
  more: Partial<Pick<PlanOperation, 'idempotent' | 'timeout' | 'note'>> = {},
): PlanOperation {
  return { name, module, work, steps, idempotent: false, timeout: 250, ...more };
}

/** Cart lines in a typical cart: the per-line calls repeat this many times. */
export const CART_LINES = 3;

/** The event the `async` choice publishes instead of calling the side effects. */
export const ORDER_PLACED = 'order-placed';

/** Every operation, by name (names are unique across modules, so a cut can keep them). */
export const OPERATIONS: Readonly<Record<string, PlanOperation>> = Object.fromEntries(
  [
    // The front door: a little routing work, then the modules that do the business.
    op(
      'browse',
      'gateway',
      constant(0.5),
      [
        call('list-products', { independent: 'page' }),
        call('recommend', { independent: 'page', niceToHave: true }),
      ],
      { note: 'The home page: the product list and recommendations.' },
    ),
    op('product', 'gateway', constant(0.5), [
      call('product-details', { independent: 'page' }),
      call('stock-level', { independent: 'page' }),
      call('recommend', { independent: 'page', niceToHave: true }),
    ]),
    op('add-to-cart', 'gateway', constant(0.5), [call('update-cart')]),
    op('checkout', 'gateway', constant(0.5), [call('place-order')]),
    op('order-history', 'gateway', constant(0.5), [call('list-orders')]),

    op('list-products', 'catalog', exp(2), [query('catalog', 'read')], { idempotent: true }),
    op('product-details', 'catalog', exp(1), [query('catalog', 'read')], { idempotent: true }),
    op('recommend', 'recommendations', exp(3), [query('recommendations', 'read')], {
      idempotent: true,
      note: 'Scoring is the heaviest compute in the shop.',
    }),
    op('stock-level', 'inventory', exp(0.5), [query('inventory', 'read')], { idempotent: true }),

    op(
      'update-cart',
      'cart',
      exp(1),
      [
        query('cart', 'read', { note: 'read the cart' }),
        call('price-line', {
          times: CART_LINES,
          perLine: { batch: 'quote' },
          note: `price each of the cart's ${CART_LINES} lines, one call per line`,
        }),
        query('cart', 'write', { note: 'write it back' }),
      ],
      { timeout: 1000 },
    ),
    op('price-line', 'pricing', exp(0.5), [query('pricing', 'read')], { idempotent: true }),
    op(
      'quote',
      'pricing',
      exp(CART_LINES * 0.5),
      [
        query('pricing', 'read', {
          times: CART_LINES,
          note: `the same ${CART_LINES} price reads as ${CART_LINES} price-line calls make`,
        }),
      ],
      {
        idempotent: true,
        note: `The whole cart in one call: the CPU work of ${CART_LINES} price-line runs.`,
      },
    ),
    op('reserve-stock', 'inventory', exp(0.5), [query('inventory', 'write')]),
    op(
      'reserve',
      'inventory',
      exp(CART_LINES * 0.5),
      [
        query('inventory', 'write', {
          times: CART_LINES,
          note: `the same ${CART_LINES} writes as ${CART_LINES} reserve-stock calls make`,
        }),
      ],
      {
        note: `Every line reserved in one call: the CPU work of ${CART_LINES} reserve-stock runs.`,
      },
    ),

    op(
      'place-order',
      'orders',
      exp(2),
      [
        call('price-line', {
          times: CART_LINES,
          independent: 'prepare',
          perLine: { batch: 'quote' },
          note: 're-price every line',
        }),
        call('reserve-stock', {
          times: CART_LINES,
          independent: 'prepare',
          perLine: { batch: 'reserve' },
          note: 'reserve every line',
        }),
        call('charge'),
        query('orders', 'write', { times: 2, note: 'write the order and its lines' }),
        call('send-receipt', { sideEffect: ORDER_PLACED, note: 'the user waits for the e-mail' }),
        call('schedule-shipping', { sideEffect: ORDER_PLACED, note: 'and for shipping' }),
      ],
      { timeout: 5000 },
    ),
    op('list-orders', 'orders', exp(1), [query('orders', 'read', { times: 2 })], {
      idempotent: true,
      timeout: 1000,
      note: 'Orders, then their lines.',
    }),
    op(
      'charge',
      'payments',
      exp(0.5),
      [query('card-processor', 'write', { note: 'waits on the card processor, on no core' })],
      { timeout: 2000, note: 'Never retried: charging twice is worse than failing once.' },
    ),
    op('send-receipt', 'notifications', exp(2), []),
    op('schedule-shipping', 'shipping', exp(1), [query('shipping', 'write')]),
  ].map((o) => [o.name, o]),
);

/** What users call, and the traffic mix: mostly looking, some buying. */
export const ENDPOINTS: readonly { readonly name: string; readonly weight: number }[] = [
  { name: 'browse', weight: 0.5 },
  { name: 'product', weight: 0.25 },
  { name: 'add-to-cart', weight: 0.12 },
  { name: 'checkout', weight: 0.05 },
  { name: 'order-history', weight: 0.08 },
];

/** The payload of `order-placed`, when the `async` choice publishes it. */
export const ORDER_PLACED_FIELDS = {
  orderId: { type: 'string', required: true },
  total: { type: 'number', required: true },
  lines: { type: 'array', required: true },
} as const;

/** The card processor: an external service the shop waits on, in every cut. */
export const CARD_PROCESSOR = {
  /** Its latency: 20 ms typically, 200 ms at the 99th percentile. */
  work: { dist: 'lognormal', median: 20, p99: 200 } satisfies Distribution,
  /** Charges it serves at once: far more than the shop sends, so it never queues them. */
  concurrency: 1000,
} as const;

/** The shop's own queries: an indexed lookup or write, the same in every datastore. */
export const QUERY_WORK: Distribution = exp(1);

/** The user requests a run simulates and its seed (the rate is the sizing's). */
export const WORKLOAD = { requests: 20_000, arrivals: 'poisson', seed: 1 } as const;

/** The network inside the data centre, per remote hop. */
export const NETWORK = {
  latency: { dist: 'lognormal', median: 0.5, p99: 4 } satisfies Distribution,
  /** CPU ms per remote message on each side (the engine's documented default). */
  overhead: 0.05,
  errorRate: 0,
} as const;
