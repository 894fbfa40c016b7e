/**
 * Slots and queues: what a replica of a service or a datastore has to offer.
 *
 * A `SlotPool` is `capacity` slots and one FIFO queue of at most `queueLimit` waiting requests;
 * beyond that a new request is rejected. A service has one pool per replica; a datastore has one.
 */

/** A request waiting in a queue; `grant` is called when a slot becomes its own. */
export interface SlotWaiter {
  grant(): void;
}

/** `acquire` results. */
export const GRANTED = 1;
export const QUEUED = 0;
export const REJECTED = -1;

export class SlotPool {
  /** Slots (concurrency). */
  readonly capacity: number;
  /** Waiting requests beyond which new ones are rejected (`Infinity` = unbounded). */
  readonly queueLimit: number;
  /** Slots in use. */
  busy = 0;
  /** Requests waiting. */
  waiting = 0;
  /** Longest queue seen. */
  maxQueue = 0;
  /**
   * Σ release times − Σ acquire times. Adding `busy × end` at the end gives the slot-time in use
   * exactly, with two additions per request instead of an update on every change.
   */
  busyArea = 0;

  private ring: (SlotWaiter | undefined)[] = new Array<SlotWaiter | undefined>(16);
  private head = 0;

  constructor(capacity: number, queueLimit: number) {
    this.capacity = capacity;
    this.queueLimit = queueLimit;
  }

  /** Requests held here: in slots or waiting (what least-loaded balancing compares). */
  get load(): number {
    return this.busy + this.waiting;
  }

  /**
   * Takes a slot for `waiter` now (GRANTED; `grant` is not called), queues it (QUEUED; `grant` is
   * called later) or refuses it (REJECTED) when the queue is full.
   */
  acquire(waiter: SlotWaiter, now: number): number {
    if (this.busy < this.capacity) {
      this.busy++;
      this.busyArea -= now;
      return GRANTED;
    }
    if (this.waiting >= this.queueLimit) return REJECTED;
    const ring = this.ring;
    if (this.waiting === ring.length) this.growRing();
    const mask = this.ring.length - 1;
    this.ring[(this.head + this.waiting) & mask] = waiter;
    this.waiting++;
    if (this.waiting > this.maxQueue) this.maxQueue = this.waiting;
    return QUEUED;
  }

  /** Frees a slot; the longest-waiting request, if any, takes it over at once. */
  release(now: number): void {
    if (this.waiting === 0) {
      this.busy--;
      this.busyArea += now;
      return;
    }
    const ring = this.ring;
    const waiter = ring[this.head] as SlotWaiter;
    ring[this.head] = undefined;
    this.head = (this.head + 1) & (ring.length - 1);
    this.waiting--;
    // The slot passes from one request to the next: busy and busyArea are unchanged.
    waiter.grant();
  }

  /**
   * The replica crashed: every slot frees at once and the waiting requests are handed back (to
   * be failed), as a restarted process starts with an empty pool and an empty accept queue.
   */
  crash(now: number): SlotWaiter[] {
    const ring = this.ring;
    const lost: SlotWaiter[] = [];
    for (let i = 0; i < this.waiting; i++) {
      const k = (this.head + i) & (ring.length - 1);
      lost.push(ring[k] as SlotWaiter);
      ring[k] = undefined;
    }
    this.head = 0;
    this.waiting = 0;
    this.busyArea += this.busy * now;
    this.busy = 0;
    return lost;
  }

  /** Slot-milliseconds in use up to `end`. */
  busyTime(end: number): number {
    return this.busyArea + this.busy * end;
  }

  private growRing(): void {
    const old = this.ring;
    const ring = new Array<SlotWaiter | undefined>(old.length * 2);
    for (let i = 0; i < this.waiting; i++) ring[i] = old[(this.head + i) & (old.length - 1)];
    this.ring = ring;
    this.head = 0;
  }
}

/**
 * Picks the replica with the least requests held (in slots or waiting), as a least-outstanding-
 * requests load balancer does (Envoy's LEAST_REQUEST, AWS ALB's least outstanding requests). Ties
 * go round-robin from `start`, so equally idle replicas share the work instead of the first one
 * taking everything. Deterministic: no random draw.
 */
export function leastLoaded(replicas: readonly SlotPool[], start: number): number {
  const n = replicas.length;
  if (n === 1) return 0;
  let best = start % n;
  let bestLoad = replicas[best].load;
  for (let k = 1; k < n && bestLoad > 0; k++) {
    const i = (start + k) % n;
    const load = replicas[i].load;
    if (load < bestLoad) {
      best = i;
      bestLoad = load;
    }
  }
  return best;
}

/**
 * `leastLoaded` among the replicas that are up (`down[i]` 0); −1 when every replica is down.
 * Only services that can crash use it, so the common path keeps its single loop.
 */
export function leastLoadedUp(
  replicas: readonly SlotPool[],
  down: Uint8Array,
  start: number,
): number {
  const n = replicas.length;
  let best = -1;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    if (down[i] === 1) continue;
    const load = replicas[i].load;
    if (load < bestLoad) {
      best = i;
      bestLoad = load;
      if (load === 0) break;
    }
  }
  return best;
}

/**
 * The CPU cores of one replica. Work and message overhead are bursts of CPU that run on a core and
 * queue, first come first served, when every core is busy; a wait (a remote call, a query, a
 * backoff) holds a thread slot (`SlotPool`) but no core, which is what lets a thread-per-request
 * server run more requests than it has cores.
 *
 * A burst's length is known when it is asked for, so the queue needs no events of its own: with
 * requests arriving in time order, FIFO on c cores is the Kiefer–Wolfowitz recursion — each burst
 * starts on the core that frees first, at max(now, that core's free time). The pool keeps the c
 * free times in a min-heap and returns when the burst ends; the caller schedules its own event
 * then. Unbounded pools (the default) never queue, as before the CPU model.
 */
export class CorePool {
  /** Cores (`Infinity` = unbounded). */
  readonly cores: number;
  /** CPU-milliseconds consumed: core-time in use, for utilisation and cost. */
  busyTime = 0;
  /** Free-at times of the cores, a binary min-heap; null when unbounded. */
  private readonly freeAt: Float64Array | null;

  constructor(cores: number) {
    this.cores = cores;
    this.freeAt = Number.isFinite(cores) ? new Float64Array(cores) : null;
  }

  /** The replica crashed: bursts of the lost work no longer hold the cores. */
  reset(): void {
    if (this.freeAt !== null) this.freeAt.fill(0);
  }

  /** Runs a burst of `d` ms of CPU asked for at `now`; returns the time it ends. */
  run(now: number, d: number): number {
    // A burst of nothing needs no core (an operation with no work of its own).
    if (d <= 0) return now;
    this.busyTime += d;
    const heap = this.freeAt;
    if (heap === null) return now + d;
    const free = heap[0];
    const end = Math.max(free, now) + d;
    // The root (earliest free core) takes the burst: its new free time only grows, so sift down.
    const n = heap.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && heap[right] < heap[left] ? right : left;
      if (heap[child] >= end) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = end;
    return end;
  }
}
