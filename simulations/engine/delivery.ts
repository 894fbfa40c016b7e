/**
 * The bus: publishing and delivering events.
 *
 * Publishing costs the publisher nothing and never fails it (the client hands the event over and
 * moves on). Each consumer gets its own delivery: after the bus latency, the consumer operation
 * runs on its service like any other attempt (queue, slot, faults). When it fails, at-least-once
 * redelivers after a backoff, then dead-letters; at-most-once drops it. At-least-once also delivers
 * a share of events twice (`duplicateRate`); the copy runs the consumer again, and its outcome
 * changes nothing for the delivery.
 *
 * Faults on the bus: `down` and `errors` fail deliveries (which are then redelivered); `slow`
 * multiplies the bus latency; `hang` holds deliveries until the fault ends (forever without an end).
 *
 * A consumer in another service than the publisher is reached over the network: its delivery can
 * be lost (`network.errorRate`, then redelivered) and costs the consumer message overhead to read
 * and to acknowledge. A consumer in the publisher's own service is an in-process job queue: the
 * bus's latency and faults still apply (it is the queue), the network does not.
 */
import type { EventState, OperationState, ServiceState } from './compile.ts';
import { DELIVER, REDELIVER } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import { DOWN, errorRate, hangEnd, hasFault, slowFactor } from './faults.ts';
import type { Intent } from './intent.ts';
import { OK } from './links.ts';
import type { OpParent, Runtime } from './runtime.ts';

/**
 * Publishes one event from `publisher`: one delivery per consumer. Each delivery is one piece of
 * work (its redeliveries and duplicates repeat it), placed under the publishing run's `intent` at
 * `key` + the consumer's index; an idempotent consumer's is keyed.
 */
export function publish(
  sim: Runtime,
  event: EventState,
  publisher: ServiceState,
  intent: Intent | null,
  key: number,
): void {
  event.published++;
  const consumers = event.consumers;
  for (let c = 0; c < consumers.length; c++) {
    const consumer = consumers[c] as OperationState;
    const work =
      intent !== null && sim.tracksEffects
        ? intent.child(key + c, event.idempotent[c] === true)
        : intent;
    new Delivery(sim, event, consumer, consumer.service !== publisher, work).send();
  }
}

/** A copy of a delivery, run for its side effects only. */
const DUPLICATE = -1;

class Delivery implements Process, OpParent {
  private readonly sim: Runtime;
  private readonly event: EventState;
  private readonly consumer: OperationState;
  /** The consumer runs in another service: the delivery crosses the network. */
  private readonly remote: boolean;
  private readonly publishedAt: number;
  /** The delivery's work: its consumer runs (redeliveries and duplicates too) run under it. */
  private readonly intent: Intent | null;
  /** Deliveries made so far. */
  private attempt = 0;
  private previousDelay = 0;

  constructor(
    sim: Runtime,
    event: EventState,
    consumer: OperationState,
    remote: boolean,
    intent: Intent | null,
  ) {
    this.sim = sim;
    this.event = event;
    this.consumer = consumer;
    this.remote = remote;
    this.publishedAt = sim.now;
    this.intent = intent;
    const flow = intent !== null ? intent.flow : null;
    if (flow !== null) flow.log.deliveryStarted(flow);
  }

  /** The delivery is over: delivered, or dead-lettered or dropped (`ok` false). */
  private ended(ok: boolean): void {
    const flow = this.intent !== null ? this.intent.flow : null;
    if (flow !== null) flow.log.deliveryEnded(flow, ok);
  }

  /** Hands the event to the bus: it arrives after the bus latency (and after any hang). */
  send(): void {
    const sim = this.sim;
    const bus = sim.compiled.bus;
    const now = sim.now;
    const held = hangEnd(bus.faults, now);
    if (held === Number.POSITIVE_INFINITY) return; // the bus never lets go
    const latency = bus.latency.sample(sim.rng) * slowFactor(bus.faults, held);
    sim.schedule(held - now + latency, this, DELIVER, 0);
  }

  fire(kind: number, _arg: number): boolean {
    if (kind === REDELIVER) {
      this.send();
      return true;
    }
    const sim = this.sim;
    const bus = sim.compiled.bus;
    const now = sim.now;
    this.attempt++;
    if (bus.faults !== null) {
      const p = errorRate(bus.faults, 0, now);
      if (hasFault(bus.faults, DOWN, now) || (p > 0 && sim.rng.uniform() < p)) {
        this.failed();
        return true;
      }
    }
    const remote = this.remote;
    if (remote && sim.networkErrorRate > 0 && sim.rng.uniform() < sim.networkErrorRate) {
      sim.networkErrors++;
      this.consumer.service.networkErrors++;
      this.failed();
      return true;
    }
    const isRetry = this.attempt > 1;
    // Consumers run after the request that published: traces do not follow the bus.
    const intent = this.intent;
    sim.createRun(this.consumer, this, this.attempt, now, remote, null, intent).arrive(isRetry);
    if (bus.atLeastOnce && bus.duplicateRate > 0 && sim.rng.uniform() < bus.duplicateRate) {
      this.event.duplicates++;
      sim.createRun(this.consumer, this, DUPLICATE, now, remote, null, intent).arrive(false);
    }
    return true;
  }

  opDone(tag: number, outcome: number, _bornAt: number): void {
    if (tag === DUPLICATE) return;
    if (outcome === OK) {
      this.event.delivered++;
      this.event.lags.push(this.sim.now - this.publishedAt);
      this.ended(true);
    } else {
      this.failed();
    }
  }

  private failed(): void {
    const sim = this.sim;
    const bus = sim.compiled.bus;
    if (!bus.atLeastOnce) {
      this.event.lost++;
      this.ended(false);
      return;
    }
    if (this.attempt > bus.redeliveries) {
      this.event.deadLettered++;
      this.ended(false);
      return;
    }
    const k = this.attempt; // this will be redelivery k
    const delay = bus.backoff.delay(k, k === 1 ? bus.backoff.base : this.previousDelay, sim.rng);
    this.previousDelay = delay;
    // Redelivery goes through the bus again (latency, faults), after the backoff.
    sim.schedule(delay, this, REDELIVER, 0);
  }
}
