/**
 * The shop as a topology document: the plan (business + design choices) cut one way, with the
 * organisation and the resources held equal across cuts. `shopTree` builds the document with its
 * comments; `shopDocument` and `shopYaml` (in `index.ts`) are that tree as a plain object and as
 * text. Every number a comment quotes is computed from the same values the document holds.
 */
import type { Distribution } from '../../model/types.ts';
import { type Cut, type CutName, cutNamed, SHARED_DB, SHARED_MODELS } from './cuts.ts';
import {
  DEFAULT_DESIGN,
  DESIGN_CHOICES,
  type Design,
  type PlanEvent,
  type ShopPlan,
  shopPlan,
} from './design.ts';
import {
  CARD_PROCESSOR,
  ENDPOINTS,
  MODULES,
  type ModuleName,
  NETWORK,
  ORDER_PLACED_FIELDS,
  type PlanOperation,
  type PlanStep,
  QUERY_WORK,
  type RetryChoice,
  WORKLOAD,
} from './domain.ts';
import { DEFAULT_ORGANISATION, type Organisation, teamOfModule } from './organisation.ts';
import { demandOf, meanMs, type Sizing, sizeCut } from './sizing.ts';
import {
  block,
  type EntryInput,
  flow,
  folded,
  inline,
  list,
  type YItem,
  type YMap,
  type YValue,
} from './yamlText.ts';

export interface ShopOptions {
  readonly cut: CutName;
  /** Choices left out are off (`DEFAULT_DESIGN`). */
  readonly design?: Partial<Design>;
  readonly organisation?: Organisation;
}

/** `250ms`, `1s`, `10m`, `1d`. */
export function duration(ms: number): string {
  const units: readonly [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** `2%`, `0.5%`. */
export function percent(share: number): string {
  return `${Number((share * 100).toFixed(6))}%`;
}

function dist(d: Distribution): YValue {
  switch (d.dist) {
    case 'constant':
      return duration(d.value);
    case 'exponential':
      return flow(['dist', 'exponential'], ['mean', duration(d.mean)]);
    case 'uniform':
      return flow(['dist', 'uniform'], ['min', duration(d.min)], ['max', duration(d.max)]);
    case 'lognormal':
      return flow(['dist', 'lognormal'], ['median', duration(d.median)], ['p99', duration(d.p99)]);
    case 'mixture':
      return flow([
        'of',
        list(
          d.of.map((p) => ({
            value: flow(['weight', percent(p.weight)], ['value', dist(p.value)]),
          })),
        ),
      ]);
  }
}

const fmt = (x: number, digits = 2) => Number(x.toFixed(digits)).toLocaleString('en-US');

function retry(r: RetryChoice): YMap {
  return flow(
    ['attempts', r.attempts],
    ['backoff', r.backoff],
    ['base', duration(r.base)],
    ['cap', duration(r.cap)],
    ['jitter', r.jitter],
  );
}

/** What the design is, in words, for the description. */
export function designSentence(design: Design): string {
  const on = DESIGN_CHOICES.filter((c) => design[c.name]).map((c) => c.label.toLowerCase());
  const asWritten =
    'calls one after the other, one call per cart line, e-mail and shipping called synchronously, every call required, no timeouts or retries';
  if (on.length === 0) return `Design: as first written (${asWritten}).`;
  return `Design choices: ${on.join(', ')}; otherwise as first written.`;
}

class Builder {
  private readonly cut: Cut;
  private readonly design: Design;
  private readonly plan: ShopPlan;
  private readonly org: Organisation;
  private readonly size: Sizing;
  private readonly ops: Map<string, PlanOperation>;
  private readonly teamOf: ReturnType<typeof teamOfModule>;
  /** CPU ms per user request of this document's design, by service. */
  private readonly cpuNow: Readonly<Record<string, number>>;
  private readonly cpuNowTotal: number;

  constructor(options: ShopOptions) {
    this.cut = cutNamed(options.cut);
    this.design = { ...DEFAULT_DESIGN, ...options.design };
    this.plan = shopPlan(this.design);
    this.org = options.organisation ?? DEFAULT_ORGANISATION;
    this.teamOf = teamOfModule(this.org);
    // Sized by the default design, so a design choice changes the design, not the machines.
    this.size = sizeCut(shopPlan(DEFAULT_DESIGN), this.cut);
    this.ops = new Map(this.plan.operations.map((o) => [o.name, o]));
    this.cpuNow = demandOf(this.plan, this.cut).cpuMs;
    this.cpuNowTotal = Object.values(this.cpuNow).reduce((a, b) => a + b, 0);
  }

  private get split(): boolean {
    return this.cut.name !== 'monolith';
  }

  private serviceOfOp(name: string): string {
    const op = this.ops.get(name);
    if (op === undefined) throw new Error(`shop: no operation "${name}" in the plan`);
    return this.cut.serviceOf(op.module);
  }

  header(): string {
    const what = {
      monolith:
        'The shop as a monolith: one deployable process, split into modules, with one database.',
      'distributed-monolith':
        "The shop as a distributed monolith: the monolith's modules became services, but they still share one database and one model library.",
      microservices:
        'The shop as microservices: one service per module, each owning its data, with no shared model library.',
    }[this.cut.name];
    return `${what} All three cuts are one shop, written from one description (simulations/presets/shop/): the same modules, work, traffic mix, organisation, cores, front-door threads and connections; only the cut and the design choices differ, so their reports compare line by line. Generated by \`npm run presets\`; edit the description, not this file.`;
  }

  document(): YMap {
    const cut = this.cut;
    const on = DESIGN_CHOICES.filter((c) => this.design[c.name]).map((c) => c.name);
    const name = on.length > 0 ? `${cut.title} (${on.join(', ')})` : cut.title;
    return block(
      ['name', name],
      ['description', folded(`${cut.summary} ${designSentence(this.design)}`)],
      ['style', cut.style],
      ['workload', this.workload(), { gap: true }],
      ['network', this.network(), { gap: true }],
      ['teams', this.teams(), { gap: true }],
      cut.sharedModels && [
        'libraries',
        block([
          SHARED_MODELS,
          flow(['kind', 'model']),
          {
            note: this.split
              ? 'one domain model: changing a type in it means rebuilding every service'
              : 'the domain model, shared in process',
          },
        ]),
        { gap: true },
      ],
      ['datastores', this.datastores(), { gap: true, comment: this.datastoresComment() }],
      [
        'services',
        this.services(),
        {
          gap: true,
          comment: this.split
            ? `The ${this.size.totalCores} cores of every cut, divided among the services in proportion to each one's CPU demand with the design as first written (its work, and ${NETWORK.overhead} ms per message on each side), at least one per replica; so a design choice changes the design, not the machines.`
            : undefined,
        },
      ],
      ...this.events(),
      [
        'endpoints',
        block(
          ...ENDPOINTS.map(
            (e): EntryInput => [
              e.name,
              flow(
                ['operation', `${this.serviceOfOp(e.name)}.${e.name}`],
                ['weight', percent(e.weight)],
              ),
            ],
          ),
        ),
        {
          gap: true,
          comment:
            'What users call, and the traffic mix of every cut: mostly looking, some buying.',
        },
      ],
      ['organization', this.organization(), { gap: true }],
    );
  }

  private workload(): YMap {
    const s = this.size;
    return block(
      ['requests', WORKLOAD.requests, { note: 'enough for stable p99s, quick enough to re-run' }],
      [
        'rate',
        s.rate,
        {
          note: `user requests per second, as in every cut: ${fmt((s.rate * this.cpuNowTotal) / 1000, 1)} of the ${s.totalCores} cores busy (${fmt((s.rate * this.cpuNowTotal) / 10 / s.totalCores, 0)}%)`,
        },
      ],
      ['arrivals', WORKLOAD.arrivals, { note: 'independent users: exponential gaps' }],
      [
        'seed',
        WORKLOAD.seed,
        { note: 'same document + same seed = the same report, byte for byte' },
      ],
    );
  }

  private network(): YMap {
    const latencyComment = this.split
      ? 'A hop inside one data centre: half a millisecond typically, a few in the tail. Every call between services crosses it twice (request and answer), as do queries and the card processor.'
      : 'A hop inside one data centre: half a millisecond typically, a few in the tail. Only queries and the card processor cross it: module calls stay inside the process.';
    return block(
      ['latency', dist(NETWORK.latency), { comment: latencyComment }],
      [
        'overhead',
        duration(NETWORK.overhead),
        {
          note: `CPU per message on each side: a remote call costs caller and callee ${fmt(2 * NETWORK.overhead)} ms each`,
        },
      ],
      ['errorRate', NETWORK.errorRate, { note: 'no hop fails here; a figure turns this up' }],
    );
  }

  private teams(): YMap {
    return block(
      ...Object.entries(this.org.teams).map(
        ([team, modules]): EntryInput => [team, flow(), { note: modules.join(', ') }],
      ),
    );
  }

  private datastoresComment(): string {
    const s = this.size;
    if (!this.split)
      return `One database for every module, with the ${s.totalConnections} connections every cut has.`;
    if (this.cut.name === 'distributed-monolith') {
      return `One database shared by every service: the same ${s.totalConnections} connections as the monolith's, now shared by ten services.`;
    }
    return `One datastore per service that keeps state, owned and queried by that service alone. The ${s.totalConnections} connections of the other cuts are divided by each one's queries per user request.`;
  }

  private datastores(): YMap {
    const s = this.size;
    const entries: EntryInput[] = [];
    const rank = (d: string) => MODULES.indexOf(this.cut.ownerOf(d) as ModuleName);
    for (const [name, d] of Object.entries(s.datastores).sort(([a], [b]) => rank(a) - rank(b))) {
      if (name === 'card-processor') continue;
      const owner = this.cut.ownerOf(name);
      const share =
        name === SHARED_DB
          ? undefined
          : `${fmt(d.connectionMs / meanMs(QUERY_WORK))} queries per request`;
      entries.push([
        name,
        block(
          [
            'owner',
            owner,
            this.cut.sharedOwner
              ? { note: "nominally the orders team's; every service queries its tables" }
              : undefined,
          ],
          [
            'concurrency',
            d.concurrency,
            {
              note:
                share === undefined
                  ? `the connection pool: at most ${d.concurrency} queries at once`
                  : `of the ${s.totalConnections} connections, for ${share}`,
            },
          ],
          ['work', dist(QUERY_WORK), { note: 'an indexed query' }],
        ),
      ]);
    }
    const card = s.datastores['card-processor'];
    entries.push([
      'card-processor',
      block(
        ['owner', this.cut.ownerOf('card-processor')],
        [
          'concurrency',
          card?.concurrency ?? CARD_PROCESSOR.concurrency,
          { note: 'far more than the shop sends: it never queues' },
        ],
        ['work', dist(CARD_PROCESSOR.work)],
      ),
      {
        comment:
          'The card processor: an external service, modelled as a datastore the payments code queries. Its 20 ms (200 ms at p99) are a wait that holds a thread but no core.',
      },
    ]);
    return block(...entries);
  }

  private services(): YMap {
    const s = this.size;
    const names = [...new Set(MODULES.map((m) => this.cut.serviceOf(m)))];
    const now = this.cpuNow;
    const total = this.cpuNowTotal;
    return block(
      ...names.map((service, i): EntryInput => {
        const size = s.services[service];
        if (size === undefined) throw new Error(`shop: no size for ${service}`);
        const front = service === s.front;
        const cores = size.replicas * size.cpus;
        const modules = this.split
          ? undefined
          : block(...MODULES.map((m): EntryInput => [m, flow(['team', this.teamOf[m]])]));
        const module = MODULES.find((m) => this.cut.serviceOf(m) === service);
        const owner = this.split && module !== undefined ? this.teamOf[module] : undefined;
        return [
          service,
          block(
            ['team', owner],
            [
              'modules',
              modules,
              { note: 'the teams own its modules; one deployable, so they release together' },
            ],
            [
              'replicas',
              size.replicas,
              {
                note:
                  front && size.replicas > 1
                    ? 'identical copies behind a load balancer'
                    : undefined,
              },
            ],
            [
              'cpus',
              size.cpus,
              {
                note: `cores per replica: ${size.replicas > 1 ? `${size.replicas} × ${size.cpus} = ` : ''}${cores} of the ${s.totalCores}${this.split ? `; its CPU: ${fmt(now[service] ?? 0)} of ${fmt(total)} ms per request` : ', as in every cut'}`,
              },
            ],
            [
              'concurrency',
              size.concurrency,
              {
                note: front
                  ? `threads per replica: ${size.replicas} × ${size.concurrency} = ${s.frontThreads} at the front door, as in every cut`
                  : `threads: as many as the front door's ${s.frontThreads}, so they never run out first`,
              },
            ],
            ['libraries', this.cut.sharedModels ? inline([SHARED_MODELS]) : undefined],
            [
              'deploy',
              flow(
                ['duration', duration(this.org.deploy.duration)],
                ['failureRate', percent(this.org.deploy.failureRate)],
              ),
            ],
            ['operations', this.operations(service)],
          ),
          { gap: i > 0 },
        ];
      }),
    );
  }

  private operations(service: string): YMap {
    const ops = this.plan.operations.filter((o) => this.cut.serviceOf(o.module) === service);
    return block(
      ...ops.map(
        (o): EntryInput => [
          o.name,
          block(
            ['module', this.split ? undefined : o.module],
            ['work', dist(o.work)],
            ['steps', o.steps.length > 0 ? list(this.steps(o.steps, service)) : undefined],
          ),
          { comment: o.note },
        ],
      ),
    );
  }

  private steps(steps: readonly PlanStep[], service: string): YItem[] {
    return steps.map((step) => this.step(step, service));
  }

  private step(step: PlanStep, service: string): YItem {
    switch (step.kind) {
      case 'call': {
        const target = this.serviceOfOp(step.operation);
        const remote = target !== service;
        return {
          value: block(
            ['call', `${target}.${step.operation}`],
            ['times', step.times > 1 ? step.times : undefined],
            ['optional', step.optional ? true : undefined],
            ['timeout', remote && step.timeout !== undefined ? duration(step.timeout) : undefined],
            ['retry', remote && step.retry !== undefined ? retry(step.retry) : undefined],
          ),
          note: step.note,
        };
      }
      case 'query':
        return {
          value: block(
            ['query', this.cut.datastoreOf(step.data)],
            ['times', step.times > 1 ? step.times : undefined],
            ['fanout', step.fanout > 1 ? step.fanout : undefined],
            ['timeout', step.timeout !== undefined ? duration(step.timeout) : undefined],
            ['retry', step.retry !== undefined ? retry(step.retry) : undefined],
          ),
          note: step.note,
        };
      case 'parallel':
        return {
          value: block(['parallel', list(this.steps(step.steps, service))]),
          note: step.note,
        };
      case 'publish':
        return {
          value: block(['publish', step.event]),
          note: this.split
            ? 'on the bus: e-mail and shipping run after the user has the answer'
            : 'an in-process job queue: e-mail and shipping run after the answer',
        };
    }
  }

  private events(): EntryInput[] {
    if (this.plan.events.length === 0) return [];
    const event = (e: PlanEvent): EntryInput => [
      e.name,
      block(
        ['publisher', this.serviceOfOp(e.publishedBy)],
        ['consumers', inline(e.consumers.map((c) => `${this.serviceOfOp(c)}.${c}`))],
        [
          'fields',
          block(
            ...Object.entries(ORDER_PLACED_FIELDS).map(
              ([field, f]): EntryInput => [field, flow(['type', f.type], ['required', f.required])],
            ),
          ),
        ],
      ),
    ];
    return [
      [
        'bus',
        block(
          ['latency', '2ms'],
          [
            'delivery',
            'at-least-once',
            { note: 'nothing is lost; consumers tolerate the odd duplicate' },
          ],
          ['duplicateRate', '0.1%'],
          [
            'redelivery',
            flow(['attempts', 5], ['backoff', 'exponential'], ['base', '1s'], ['cap', '1m']),
          ],
        ),
        {
          gap: true,
          comment: this.split
            ? 'The bus between services: a message broker.'
            : "An in-process job queue: the bus's latency and redelivery apply; the network does not, since publisher and consumers are one process.",
        },
      ],
      ['events', block(...this.plan.events.map(event)), { gap: true }],
    ];
  }

  private organization(): YMap {
    const org = this.org;
    return block(
      [
        'release',
        org.release,
        {
          note:
            org.release === 'one-click'
              ? 'one action deploys any set of services'
              : this.split
                ? 'each team ships its own services on its own schedule'
                : "one deployable: every team's changes ship in it together",
        },
      ],
      [
        'handoff',
        duration(org.handoff),
        { note: 'a change that spans teams waits this long for each extra team' },
      ],
    );
  }
}

/** The shop document for `options`, as a tree with comments, and its header comment. */
export function shopTree(options: ShopOptions): { readonly header: string; readonly doc: YMap } {
  const b = new Builder(options);
  return { header: b.header(), doc: b.document() };
}
