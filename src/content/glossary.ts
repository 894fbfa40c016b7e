/**
 * The glossary: one entry per term the essays use, in one place. The glossary page lists them,
 * `<Term id="…">` links a first use to its entry (an unknown id fails the build), and each entry
 * links back to the chapter sections that teach it.
 *
 * To add a term: add an entry here (ids are lower-case with dashes); to say where it is taught,
 * add `{ chapter, section }` with the chapter's slug (its file name in `content/`) and the id of
 * the heading (`## Every hop costs` → `every-hop-costs`). `glossary.test.ts` checks both.
 */

/** The chapters, by slug, in reading order. */
export const CHAPTERS = [
  'what-is-a-distributed-monolith',
  'every-hop-costs',
  'blast-radius',
  'retries-and-metastable-failure',
  'deploying-in-lockstep',
  'contracts-events-and-time',
] as const;
export type ChapterSlug = (typeof CHAPTERS)[number];

export interface Taught {
  readonly chapter: ChapterSlug;
  /** Id of the heading of the section that teaches the term; absent = the chapter as a whole. */
  readonly section?: string;
}

export interface GlossaryEntry {
  /** Lower-case with dashes: the anchor on the glossary page and `<Term id>`. */
  readonly id: string;
  readonly term: string;
  /** One to three sentences, in plain words. */
  readonly definition: string;
  /** Other entries worth reading next. */
  readonly see?: readonly string[];
  readonly taught: readonly Taught[];
}

const ch1 = 'what-is-a-distributed-monolith';
const ch2 = 'every-hop-costs';
const ch3 = 'blast-radius';
const ch4 = 'retries-and-metastable-failure';
const ch5 = 'deploying-in-lockstep';
const ch6 = 'contracts-events-and-time';

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'at-least-once',
    term: 'at-least-once delivery',
    definition:
      'A promise that every event reaches its consumer, paid for by sometimes delivering it twice: the bus redelivers whenever it is not sure the first delivery was handled.',
    see: ['idempotency', 'event'],
    taught: [{ chapter: ch3, section: 'events-move-the-damage-behind-the-bus' }],
  },
  {
    id: 'backoff',
    term: 'backoff',
    definition:
      'Waiting longer before each new retry (for example 50 ms, then 100, then 200), so a struggling service gets room to recover instead of a growing wave of repeats.',
    see: ['jitter', 'retry-budget'],
    taught: [
      { chapter: ch3, section: 'down-hang-and-slow' },
      { chapter: ch4, section: 'backoff-and-the-four-jitters' },
    ],
  },
  {
    id: 'blast-radius',
    term: 'blast radius',
    definition:
      'The share of user traffic that is lost when one component fails: the requests that fail, hang or answer too late because of it. Measured against what the same system does when nothing is broken.',
    see: ['blast-radius-kinds', 'deferred-blast-radius'],
    taught: [{ chapter: ch3, section: 'static-blast-radius-what-the-graph-says' }],
  },
  {
    id: 'blast-radius-kinds',
    term: 'down, hang and slow',
    definition:
      'Three ways a component fails, with different blast radii. Down answers with an error at once; hang never answers, so callers wait until a timeout (or forever); slow answers correctly but several times later, so callers hold slots and queues grow.',
    see: ['blast-radius', 'timeout'],
    taught: [{ chapter: ch3, section: 'down-hang-and-slow' }],
  },
  {
    id: 'bulkhead',
    term: 'bulkhead',
    definition:
      'A cap on how many calls a caller may have in flight towards one dependency, so a slow dependency can use up its own share of the caller’s slots and no more. Named after the walls that keep one flooded compartment from sinking a ship.',
    see: ['thread-slot', 'timeout'],
    taught: [{ chapter: ch3, section: 'bulkheads' }],
  },
  {
    id: 'chattiness',
    term: 'chattiness',
    definition:
      'How many remote calls one user request causes. Each call adds network delay, message overhead and a chance of failure, so a chatty design pays for its conversations even when every service is healthy.',
    see: ['fan-out'],
    taught: [
      { chapter: ch1, section: 'six-symptoms-as-a-rubric' },
      { chapter: ch2, section: 'chattiness' },
    ],
  },
  {
    id: 'circuit-breaker',
    term: 'circuit breaker',
    definition:
      'A switch in the caller that stops calling a dependency after too many of its calls fail, answers at once instead, and lets a few probe calls through after a cool-down to see whether the dependency is back.',
    see: ['timeout', 'retry-budget'],
    taught: [
      { chapter: ch3, section: 'bulkheads' },
      { chapter: ch4, section: 'circuit-breakers' },
    ],
  },
  {
    id: 'core',
    term: 'core',
    definition:
      'A processor that does CPU work, one piece at a time. The cores a service has bound how much work it does per second; a request that needs CPU waits for a free core.',
    see: ['thread-slot', 'utilisation'],
    taught: [{ chapter: ch2, section: 'one-big-pool-against-many-small-ones' }],
  },
  {
    id: 'coupling',
    term: 'coupling',
    definition:
      'How much one part must know about, wait for or change with another. Some coupling is the point of working together; it costs when it forces teams to release together or lets one failure spread.',
    see: ['lockstep', 'distributed-monolith'],
    taught: [{ chapter: ch1, section: 'six-symptoms-as-a-rubric' }],
  },
  {
    id: 'deferred-blast-radius',
    term: 'deferred blast radius',
    definition:
      'Losses that do not show when the user clicks but later: behind a message bus, a failed consumer leaves events undelivered, late or dead-lettered while the page answered fine.',
    see: ['blast-radius', 'event'],
    taught: [{ chapter: ch3, section: 'events-move-the-damage-behind-the-bus' }],
  },
  {
    id: 'distributed-monolith',
    term: 'distributed monolith',
    definition:
      'A system split into separately running services that still have to change and ship together, and often fail together: it pays for a network without getting independent releases.',
    see: ['monolith', 'microservice', 'lockstep'],
    taught: [{ chapter: ch1, section: 'three-cuts-of-one-shop' }],
  },
  {
    id: 'event',
    term: 'event',
    definition:
      'A message that says something happened ("order placed"), published for whoever cares. The publisher does not wait for consumers, so their failures do not reach its user, but its changes must stay readable by consumers that have not upgraded.',
    see: ['at-least-once', 'expand-contract'],
    taught: [
      { chapter: ch1, section: 'three-cuts-of-one-shop' },
      { chapter: ch3, section: 'events-move-the-damage-behind-the-bus' },
    ],
  },
  {
    id: 'expand-contract',
    term: 'expand/contract',
    definition:
      'Changing a shared schema or message in steps that never break a reader: first add the new form beside the old (expand), move every reader and writer over, and only then remove the old form (contract).',
    see: ['lockstep', 'event'],
    taught: [{ chapter: ch1 }],
  },
  {
    id: 'fan-out',
    term: 'fan-out',
    definition:
      'One request calling many others at once and waiting for all of them. The request is as slow as its slowest call, so rare slow calls become common slow requests.',
    see: ['tail-latency', 'hedging'],
    taught: [{ chapter: ch2, section: 'fan-out-and-the-tail-at-scale' }],
  },
  {
    id: 'hedging',
    term: 'hedging (hedged requests)',
    definition:
      'Sending a second copy of a call when the first has not answered within a short delay, often about the callee’s 95th-percentile latency, and taking whichever answers first. It trims the tail for a few per cent more calls.',
    see: ['tail-latency', 'fan-out'],
    taught: [{ chapter: ch2, section: 'hedged-requests' }],
  },
  {
    id: 'idempotency',
    term: 'idempotency',
    definition:
      'A handler is idempotent when doing the same message twice has the same effect as doing it once, for example by remembering which order ids it has already charged. It is what makes at-least-once delivery safe.',
    see: ['at-least-once'],
    taught: [
      { chapter: ch3, section: 'down-hang-and-slow' },
      { chapter: ch4, section: 'idempotency-the-charge-that-happens-twice' },
    ],
  },
  {
    id: 'jitter',
    term: 'jitter',
    definition:
      'Randomness added to retry delays so that callers who failed at the same moment do not all retry at the same moment again.',
    see: ['backoff'],
    taught: [
      { chapter: ch3, section: 'down-hang-and-slow' },
      { chapter: ch4, section: 'backoff-and-the-four-jitters' },
    ],
  },
  {
    id: 'knee',
    term: 'knee',
    definition:
      'The load at which latency stops rising gently and starts rising steeply, because the busiest resource is nearly full and queues grow. Lockstep marks it where p50 reaches twice its light-load value.',
    see: ['queueing', 'utilisation', 'saturation'],
    taught: [{ chapter: ch2, section: 'queueing-near-capacity' }],
  },
  {
    id: 'lockstep',
    term: 'lockstep',
    definition:
      'Moving together because you must: services are in lockstep when one change cannot ship until several of them ship with it.',
    see: ['lockstep-group', 'release-train'],
    taught: [{ chapter: ch1, section: 'six-symptoms-as-a-rubric' }],
  },
  {
    id: 'lockstep-group',
    term: 'lockstep group',
    definition:
      'The services that must be released together for one change, such as a shared library of business models or a shared database table. Its size is how many deploys one change costs.',
    see: ['lockstep', 'coupling'],
    taught: [{ chapter: ch1, section: 'the-scorecard-with-the-organisation-as-the-controls' }],
  },
  {
    id: 'microservice',
    term: 'microservice',
    definition:
      'A service a team can change, release and run on its own, owning its data, so most changes need one deploy and one team.',
    see: ['monolith', 'distributed-monolith'],
    taught: [{ chapter: ch1, section: 'three-cuts-of-one-shop' }],
  },
  {
    id: 'monolith',
    term: 'monolith',
    definition:
      'A system that ships as one deployable unit. It can be well modular inside and run as many copies; its calls between modules are function calls, not network hops.',
    see: ['microservice', 'distributed-monolith'],
    taught: [{ chapter: ch1, section: 'three-cuts-of-one-shop' }],
  },
  {
    id: 'p50',
    term: 'p50 (median)',
    definition:
      'The latency that half of the requests beat: the typical experience, which says nothing about the slow ones.',
    see: ['percentile', 'p99'],
    taught: [{ chapter: ch2, section: 'what-one-hop-costs-time-and-cpu' }],
  },
  {
    id: 'p99',
    term: 'p99',
    definition:
      'The latency that 99 requests in 100 beat. One in a hundred is slower, and a page that makes many calls meets that one often.',
    see: ['percentile', 'tail-latency'],
    taught: [{ chapter: ch2, section: 'fan-out-and-the-tail-at-scale' }],
  },
  {
    id: 'percentile',
    term: 'percentile',
    definition:
      'The value below which a given share of the measurements fall: the 95th percentile of latency is the time 95% of requests beat. Percentiles describe a spread that an average hides.',
    see: ['p50', 'p99'],
    taught: [{ chapter: ch2, section: 'fan-out-and-the-tail-at-scale' }],
  },
  {
    id: 'queueing',
    term: 'queueing',
    definition:
      'Waiting for a busy resource. Near capacity the waits grow much faster than the load: at 90% busy, the average wait is several times the work itself.',
    see: ['knee', 'utilisation'],
    taught: [{ chapter: ch2, section: 'queueing-near-capacity' }],
  },
  {
    id: 'release-train',
    term: 'release train',
    definition:
      'Releasing on a fixed schedule, with whatever is ready boarding the next train. It makes lockstep releases routine, and makes every change wait for the train.',
    see: ['lockstep'],
    taught: [{ chapter: ch1 }],
  },
  {
    id: 'retry-budget',
    term: 'retry budget',
    definition:
      'A limit on retries as a share of first attempts (say one retry per ten calls), so that when a dependency fails, retries cannot multiply its load into a retry storm.',
    see: ['backoff', 'circuit-breaker'],
    taught: [
      { chapter: ch3, section: 'down-hang-and-slow' },
      { chapter: ch4, section: 'retry-budgets' },
    ],
  },
  {
    id: 'saturation',
    term: 'saturation',
    definition:
      'A resource with no spare capacity: every slot, core or connection busy and new work queued. Past it, queues grow for as long as the load lasts.',
    see: ['utilisation', 'knee'],
    taught: [{ chapter: ch2, section: 'queueing-near-capacity' }],
  },
  {
    id: 'tail-latency',
    term: 'tail latency',
    definition:
      'The slow end of the latency distribution (p99, p99.9, the maximum). It matters more than it seems, because a request that waits for many calls is as slow as the slowest of them.',
    see: ['p99', 'fan-out', 'hedging'],
    taught: [{ chapter: ch2, section: 'fan-out-and-the-tail-at-scale' }],
  },
  {
    id: 'thread-slot',
    term: 'thread slot',
    definition:
      'One of the fixed number of requests a service replica can hold at once. A request keeps its slot while it waits for the calls it makes, so slow dependencies use up slots even when the CPU is idle.',
    see: ['core', 'bulkhead'],
    taught: [
      { chapter: ch2, section: 'one-big-pool-against-many-small-ones' },
      { chapter: ch3, section: 'down-hang-and-slow' },
    ],
  },
  {
    id: 'timeout',
    term: 'timeout',
    definition:
      'How long a caller waits for an answer before giving up. It turns a hang into a quick failure the caller can handle, and frees the slot it was holding.',
    see: ['blast-radius-kinds', 'circuit-breaker'],
    taught: [
      { chapter: ch3, section: 'down-hang-and-slow' },
      { chapter: ch3, section: 'optional-calls-need-a-timeout-too' },
    ],
  },
  {
    id: 'utilisation',
    term: 'utilisation',
    definition:
      'The share of time a resource is busy: 0.6 means the cores (or slots, or connections) worked 60% of the time. Latency rises slowly with it at first and steeply near 1.',
    see: ['saturation', 'knee'],
    taught: [{ chapter: ch2, section: 'queueing-near-capacity' }],
  },
  {
    id: 'retry-amplification',
    term: 'retry amplification',
    definition:
      'How retries multiply load through layers: when d layers each make r + 1 attempts, a request that cannot succeed reaches the bottom (r + 1)^d times. Three layers of four attempts make 64.',
    see: ['retry-budget', 'retry-storm'],
    taught: [{ chapter: ch4, section: 'retries-multiply-in-layers' }],
  },
  {
    id: 'retry-storm',
    term: 'retry storm',
    definition:
      'Retries from every layer piling onto a dependency that is already struggling, so its load multiplies just when its capacity drops. It can outlast whatever started it.',
    see: ['metastable-failure', 'retry-amplification', 'retry-budget'],
    taught: [{ chapter: ch4, section: 'the-retry-storm' }],
  },
  {
    id: 'metastable-failure',
    term: 'metastable failure',
    definition:
      'A failure that persists after its trigger is gone, because a sustaining effect, such as retries refilling a queue with work nobody waits for, keeps the system in its bad state (Bronson et al., 2021).',
    see: ['retry-storm', 'goodput'],
    taught: [{ chapter: ch4, section: 'metastable-failure' }],
  },
  {
    id: 'goodput',
    term: 'goodput',
    definition:
      'The useful part of throughput: requests answered successfully per second. A system in a retry storm can be busier than ever while its goodput is zero.',
    see: ['metastable-failure', 'utilisation'],
    taught: [{ chapter: ch4, section: 'metastable-failure' }],
  },
  {
    id: 'supervisor',
    term: 'supervisor',
    definition:
      'A process that watches others and restarts one that crashed, up to a limit of restarts within a time window, after which it gives up: Erlang’s “let it crash”.',
    see: ['circuit-breaker'],
    taught: [{ chapter: ch4, section: 'let-it-crash' }],
  },
  {
    id: 'idempotency-key',
    term: 'idempotency key',
    definition:
      'A unique name a caller sends with a request that must happen once, such as a charge. The callee stores the first result under the key and answers every retry with it instead of doing the work again.',
    see: ['idempotency', 'at-least-once'],
    taught: [{ chapter: ch4, section: 'idempotency-the-charge-that-happens-twice' }],
  },
  // Chapter 5, deploying in lockstep.
  {
    id: 'canary',
    term: 'canary release',
    definition:
      'Giving a new version a small share of the traffic first and watching it before the rest. A bad version the canary catches reaches few users; it does not make bad versions rarer.',
    see: ['rollback', 'change-failure-rate'],
    taught: [{ chapter: ch5, section: 'canaries-and-rollbacks' }],
  },
  {
    id: 'rollback',
    term: 'rollback',
    definition:
      'Putting the previous version back after a bad deploy. In a lockstep group every service that already shipped must roll back too, because the group may not be left half-deployed.',
    see: ['canary', 'lockstep-group'],
    taught: [{ chapter: ch5, section: 'canaries-and-rollbacks' }],
  },
  {
    id: 'lead-time',
    term: 'lead time for changes',
    definition:
      'How long a change takes from "ready" to running in production. For a coordinated release it is every deploy in the group plus every wait for another team.',
    see: ['change-failure-rate', 'release-train'],
    taught: [{ chapter: ch5, section: 'lead-time-and-the-odds-of-a-rollback' }],
  },
  {
    id: 'change-failure-rate',
    term: 'change failure rate',
    definition:
      'The share of releases that fail and must be rolled back or fixed. A release of k services that each fail with p fails with 1 − (1 − p)ᵏ.',
    see: ['lead-time', 'rollback'],
    taught: [{ chapter: ch5, section: 'lead-time-and-the-odds-of-a-rollback' }],
  },
  {
    id: 'change-coupling',
    term: 'change coupling',
    definition:
      'How often a change to one thing needs a release of something else too. It is counted over the changes a team actually makes, most of which break nothing.',
    see: ['lockstep-group', 'coupling'],
    taught: [{ chapter: ch5, section: 'who-must-ship-with-whom' }],
  },
  {
    id: 'one-click-release',
    term: 'one-click release',
    definition:
      'Tooling that deploys any set of services with one action, such as a monorepo deployed by AWS SAM or the Serverless Framework. It makes a lockstep release as fast as its slowest deploy; it does not make it less risky.',
    see: ['lockstep', 'lead-time'],
    taught: [{ chapter: ch5, section: 'when-one-click-ships-the-group' }],
  },
  // Chapter 6, contracts, events and time.
  {
    id: 'contract',
    term: 'contract',
    definition:
      'What two services agree about a message or call. A schema fixes its shape; the rest of the contract (how late it may come, how often, what an error means and what it already did) is what no decoder checks.',
    see: ['event', 'idempotency'],
    taught: [{ chapter: ch6, section: 'what-a-schema-leaves-out' }],
  },
  {
    id: 'idempotent-consumer',
    term: 'idempotent consumer',
    definition:
      'A consumer that remembers the ids of the events it has handled and treats a repeat as already done, so a duplicated or redelivered event changes nothing twice. It still spends the work of recognising the repeat.',
    see: ['idempotency', 'at-least-once', 'idempotency-key'],
    taught: [{ chapter: ch6, section: 'at-least-once-means-sometimes-twice' }],
  },
  {
    id: 'event-versioning',
    term: 'new event version',
    definition:
      'The fourth event rule: when a change cannot keep the other three, publish it as a new event (`order-placed.v2`) beside the old one, let each consumer move over in its own release, then retire the old event. No lockstep release is needed.',
    see: ['expand-contract', 'lockstep'],
    taught: [{ chapter: ch6, section: 'four-rules-for-changing-an-event' }],
  },
  {
    id: 'orchestration',
    term: 'orchestration',
    definition:
      'Running a workflow from one place: an orchestrator calls each step in turn, knows how far every instance got, and sees every failure. The steps are coupled to the orchestrator, which waits for them.',
    see: ['choreography', 'compensation'],
    taught: [{ chapter: ch6, section: 'orchestration-or-choreography' }],
  },
  {
    id: 'choreography',
    term: 'choreography',
    definition:
      'Running a workflow as a chain of events: each step reacts to the event before it and publishes its own, and nobody conducts. The steps are decoupled in time, and nobody sees a whole instance, or its failure.',
    see: ['orchestration', 'half-done', 'event'],
    taught: [{ chapter: ch6, section: 'orchestration-or-choreography' }],
  },
  {
    id: 'half-done',
    term: 'half-done work',
    definition:
      'A request that was answered OK while the asynchronous work it started stopped partway, dead-lettered or lost: the customer was charged and nothing was shipped, and no error rate moved.',
    see: ['choreography', 'dead-letter-queue', 'deferred-blast-radius'],
    taught: [{ chapter: ch6, section: 'who-sees-the-failure' }],
  },
  {
    id: 'compensation',
    term: 'compensation',
    definition:
      'The step that undoes an earlier one when a later step of the same workflow fails, such as refunding a charge or releasing reserved stock; a saga pairs every step with one.',
    see: ['orchestration', 'half-done'],
    taught: [{ chapter: ch6, section: 'who-sees-the-failure' }],
  },
  {
    id: 'dead-letter-queue',
    term: 'dead-letter queue',
    definition:
      'Where a bus puts an event it gave up delivering after its last redelivery. Nothing happens to it there until someone reads it, so its length is a measure of work silently not done.',
    see: ['at-least-once', 'half-done'],
    taught: [{ chapter: ch6, section: 'who-sees-the-failure' }],
  },
  {
    id: 'event-sourcing',
    term: 'event sourcing',
    definition:
      'Keeping the ordered log of events as the system of record and rebuilding every other piece of state by replaying it, so a fixed consumer can be replayed from the start. Events in the log are never rewritten.',
    see: ['event', 'event-versioning'],
    taught: [{ chapter: ch6, section: 'event-sourcing-the-log-as-the-record' }],
  },
];

const byId = new Map(GLOSSARY.map((entry) => [entry.id, entry]));

/** The entry with this id, or undefined. */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return byId.get(id);
}

/** `unknown glossary id "x"; ids are …` for build errors and tests. */
export function unknownTermMessage(id: string): string {
  return `unknown glossary id ${JSON.stringify(id)}; add it to src/content/glossary.ts or use one of ${GLOSSARY.map((e) => e.id).join(', ')}`;
}
