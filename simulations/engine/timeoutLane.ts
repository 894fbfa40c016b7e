/**
 * Timeouts of one duration, kept in a FIFO lane instead of the event heap.
 *
 * Most timeouts never fire: the answer comes first. In the heap they would pile up (hundreds of
 * stale entries in a busy system), making every push and pop slower. But timeouts of the same
 * duration expire in the order they were set, so a FIFO holds them in time order; only the lane's
 * earliest live timeout sits in the heap, with the sequence number it got when it was set, so the
 * order of events is exactly what one heap would give. Timeouts whose attempt has already
 * answered are dropped as the lane advances, without ever touching the heap.
 */
import type { EventQueue, Process } from './eventQueue.ts';

/** What a timeout lane calls: the remote call that set the timeout. */
export interface TimeoutOwner {
  /** True while attempt `attempt` may still time out. Once false, false for ever. */
  waitsFor(attempt: number): boolean;
  /** The timeout of `attempt` expired. Returns false when it turned out stale. */
  timedOut(attempt: number): boolean;
}

export class TimeoutLane implements Process {
  /** Milliseconds. */
  readonly duration: number;
  private readonly queue: EventQueue;
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private attempts = new Int32Array(64);
  private owners: (TimeoutOwner | undefined)[] = new Array<TimeoutOwner | undefined>(64);
  private head = 0;
  private size = 0;

  constructor(duration: number, queue: EventQueue) {
    this.duration = duration;
    this.queue = queue;
  }

  /** Sets a timeout for `owner`'s attempt, expiring `duration` after `now`. */
  add(now: number, owner: TimeoutOwner, attempt: number): void {
    if (this.size === this.times.length) this.grow();
    const mask = this.times.length - 1;
    const i = (this.head + this.size) & mask;
    const time = now + this.duration;
    const seq = this.queue.reserveSeq();
    this.times[i] = time;
    this.seqs[i] = seq;
    this.attempts[i] = attempt;
    this.owners[i] = owner;
    this.size++;
    if (this.size === 1) this.queue.pushAt(time, seq, this, 0, 0);
  }

  /** The earliest timeout is due. */
  fire(_kind: number, _arg: number): boolean {
    const owner = this.owners[this.head] as TimeoutOwner;
    const attempt = this.attempts[this.head];
    this.shift();
    // Drop timeouts whose attempts have answered, then put the next live one in the heap, before
    // telling the owner: its reaction (a retry, a failed operation whose caller calls again) may
    // set a new timeout in this lane, and `add` must then see the lane's heap entry as it is, or
    // the lane would sit in the heap twice.
    while (this.size > 0) {
      const next = this.owners[this.head] as TimeoutOwner;
      if (next.waitsFor(this.attempts[this.head])) {
        this.queue.pushAt(this.times[this.head], this.seqs[this.head], this, 0, 0);
        break;
      }
      this.shift();
    }
    return owner.timedOut(attempt);
  }

  private shift(): void {
    this.owners[this.head] = undefined;
    this.head = (this.head + 1) & (this.times.length - 1);
    this.size--;
  }

  private grow(): void {
    const n = this.times.length;
    const times = new Float64Array(2 * n);
    const seqs = new Float64Array(2 * n);
    const attempts = new Int32Array(2 * n);
    const owners = new Array<TimeoutOwner | undefined>(2 * n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (n - 1);
      times[k] = this.times[i];
      seqs[k] = this.seqs[i];
      attempts[k] = this.attempts[i];
      owners[k] = this.owners[i];
    }
    this.times = times;
    this.seqs = seqs;
    this.attempts = attempts;
    this.owners = owners;
    this.head = 0;
  }
}
