/**
 * Crashes and the supervisor that restarts them ("let it crash", after Erlang/OTP).
 *
 * A crash takes a replica out at once: its slots free, the runs queued on it fail, and the runs in
 * flight on it are lost. Lost runs are found lazily: the replica's epoch moves on, and each run
 * checks it when it next gets to run (after its burst of work, when a call it waits on answers),
 * then fails without releasing a slot it no longer holds. The replica's cores forget the lost
 * bursts. While a replica is down the balancer skips it; with every replica down, attempts fail at
 * once, as against a `down` fault.
 *
 * A supervisor restarts a crashed replica after `restart`, unless it has already restarted
 * `maxRestarts` times within `within`: then it gives up and, as an OTP supervisor shuts its
 * children down before it terminates, the whole service stops for the rest of the run. Without a
 * supervisor a crashed replica stays down. A crash fault crashes every replica of its service at
 * once; the supervisor counts that as one crash and restarts them together.
 */
import type { CompiledModel, ServiceState } from './compile.ts';
import { CRASH, RESTART } from './eventKinds.ts';
import type { Process } from './eventQueue.ts';
import type { SlotWaiter } from './resources.ts';

/** `RESTART`'s replica number for "every replica". */
const ALL = 1023;

export interface SupervisionHost {
  readonly now: number;
  readonly compiled: CompiledModel;
  scheduleAt(time: number, target: Process, kind: number, arg: number): void;
  /** A run queued on a crashed replica fails. */
  loseQueued(waiter: SlotWaiter): void;
}

export class Supervision implements Process {
  private readonly host: SupervisionHost;
  private readonly index: ReadonlyMap<ServiceState, number>;

  constructor(host: SupervisionHost) {
    this.host = host;
    this.index = new Map(host.compiled.services.map((s, i) => [s, i]));
    host.compiled.crashFaults.forEach((fault, i) => {
      host.scheduleAt(fault.at, this, CRASH, i);
    });
  }

  /** Replica `replica` of `service` crashes now (a run's crash rate). */
  crash(service: ServiceState, replica: number): void {
    if (service.down[replica] === 1) return;
    service.crashes++;
    this.takeDown(service, replica);
    this.supervise(service, replica);
  }

  fire(kind: number, arg: number): boolean {
    const services = this.host.compiled.services;
    if (kind === CRASH) {
      const service = this.host.compiled.crashFaults[arg].service;
      if (service.stopped) return false;
      service.crashes++;
      for (let i = 0; i < service.replicas.length; i++) this.takeDown(service, i);
      this.supervise(service, ALL);
      return true;
    }
    // RESTART
    const service = services[Math.floor(arg / 1024)];
    if (service.stopped) return false;
    const replica = arg % 1024;
    service.restarts++;
    if (replica === ALL) service.down.fill(0);
    else service.down[replica] = 0;
    return true;
  }

  private takeDown(service: ServiceState, replica: number): void {
    const now = this.host.now;
    service.down[replica] = 1;
    service.epoch[replica]++;
    service.cores[replica].reset();
    const queued = service.replicas[replica].crash(now);
    for (const waiter of queued) this.host.loseQueued(waiter);
  }

  private supervise(service: ServiceState, replica: number): void {
    const supervisor = service.supervisor;
    if (supervisor === null) return; // nobody restarts it
    const now = this.host.now;
    const recent = service.restartTimes;
    while (recent.length > 0 && recent[0] <= now - supervisor.within) recent.shift();
    if (recent.length >= supervisor.maxRestarts) {
      // Restart intensity exceeded: the supervisor gives up, and its service with it.
      service.stopped = true;
      for (let i = 0; i < service.replicas.length; i++) {
        if (service.down[i] === 0) this.takeDown(service, i);
      }
      return;
    }
    recent.push(now);
    const s = this.index.get(service) as number;
    this.host.scheduleAt(now + supervisor.restart, this, RESTART, s * 1024 + replica);
  }
}
