/**
 * The future event list: a binary min-heap keyed by (time, sequence).
 *
 * Like SimPy's `(time, priority, sequence, event)` heap, the sequence number makes the order of
 * simultaneous events deterministic (first scheduled, first fired). Events live in slots of
 * parallel typed arrays (time, sequence, kind, argument) plus one array of targets; the heap itself
 * orders slot numbers, so sifting moves one integer per level instead of five fields (measured
 * about 25% faster). Freed slots are reused, so scheduling allocates nothing once the arrays have
 * grown to the peak number of pending events.
 */

/** Something that reacts to its own scheduled events: an operation run, a call, a delivery, … */
export interface Process {
  /**
   * Handles an event this process scheduled. Returns false when the event turned out stale (a
   * timeout for an attempt that has already answered), so the clock of the last real activity and
   * the event count are not inflated by events that did nothing.
   */
  fire(kind: number, arg: number): boolean;
}

export class EventQueue {
  /** Number of pending events. */
  size = 0;
  /** The event `pop` took last: its time, kind, argument and target. */
  time = 0;
  kind = 0;
  arg = 0;
  target: Process | null = null;

  /** Slot numbers in heap order. */
  private heap: Int32Array;
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private args: Int32Array;
  private targets: (Process | null)[];
  /** Stack of free slot numbers. */
  private free: Int32Array;
  private freeCount: number;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.heap = new Int32Array(initialCapacity);
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.args = new Int32Array(initialCapacity);
    this.targets = new Array<Process | null>(initialCapacity).fill(null);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  /** Schedules `target.fire(kind, arg)` at absolute time `time`. */
  push(time: number, target: Process, kind: number, arg: number): void {
    this.pushAt(time, this.nextSeq++, target, kind, arg);
  }

  /**
   * Takes the next sequence number without scheduling anything, for an event kept outside the
   * heap for now (a timeout in its lane) that must still order as if scheduled at this moment.
   */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /** Schedules with a sequence number from `reserveSeq`. */
  pushAt(time: number, seq: number, target: Process, kind: number, arg: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount];
    const times = this.times;
    const seqs = this.seqs;
    times[slot] = time;
    seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.args[slot] = arg;
    this.targets[slot] = target;
    this.siftUp(this.size++, slot, time, seq);
  }

  /** Moves parents down from hole `i` until `slot` (its key `time`, `seq`) fits, and puts it there. */
  private siftUp(from: number, slot: number, time: number, seq: number): void {
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      const pt = times[p];
      if (pt < time || (pt === time && seqs[p] < seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Removes the earliest event into `time`, `kind`, `arg`, `target`. Requires `size > 0`. */
  pop(): void {
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    const top = heap[0];
    this.time = times[top];
    this.kind = this.kinds[top];
    this.arg = this.args[top];
    this.target = this.targets[top];
    this.targets[top] = null; // let finished processes be collected
    this.free[this.freeCount++] = top;
    const n = --this.size;
    if (n === 0) return;
    // Floyd's bottom-up sift: walk the hole at the root down to a leaf along the smaller child,
    // then put the last slot there and sift it up (it came from the bottom, so it rarely rises
    // far). One comparison per level on the way down instead of two: the comparisons are
    // unpredictable branches, which is what a pop in a small heap mostly costs (measured: 81
    // against 89 ns per pop and push at 18 pending events, CPU time, including the draw of the
    // new time). The order of events is unchanged: (time, sequence) keys are unique.
    let i = 0;
    let child = 1;
    while (child < n) {
      let c = heap[child];
      const right = child + 1;
      if (right < n) {
        const r = heap[right];
        const rt = times[r];
        const ct = times[c];
        if (rt < ct || (rt === ct && seqs[r] < seqs[c])) {
          child = right;
          c = r;
        }
      }
      heap[i] = c;
      i = child;
      child = 2 * i + 1;
    }
    const last = heap[n];
    this.siftUp(i, last, times[last], seqs[last]);
  }

  /** Sequence number of the earliest pending event (Infinity when empty). */
  peekSeq(): number {
    return this.size > 0 ? this.seqs[this.heap[0]] : Number.POSITIVE_INFINITY;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.size > 0 ? this.times[this.heap[0]] : Number.POSITIVE_INFINITY;
  }

  /** Doubles every array; called only when all slots are in use (so `free` is empty). */
  private grow(): void {
    const old = this.times.length;
    const capacity = old * 2;
    const heap = new Int32Array(capacity);
    heap.set(this.heap);
    this.heap = heap;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const kinds = new Int32Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const args = new Int32Array(capacity);
    args.set(this.args);
    this.args = args;
    for (let i = old; i < capacity; i++) this.targets.push(null);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < old; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = old;
  }
}
