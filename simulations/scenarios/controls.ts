/**
 * The knobs a reader turns in a figure, as edits of a `Model`.
 *
 * A figure never computes metrics; it only says "set retries to 3 on calls into payments" and
 * asks the engine for a new report. Keeping the edits here (not in the UI) means the essays, the
 * sandbox, talk mode and the tests all turn the same knob the same way.
 */
import type {
  BreakerPolicy,
  CallStep,
  Fault,
  FaultTarget,
  HedgePolicy,
  Model,
  Operation,
  Service,
  Step,
} from '../model/types.ts';

export type ControlName =
  | 'calls'
  | 'failureRate'
  | 'down'
  | 'hang'
  | 'timeout'
  | 'retries'
  | 'backoff'
  | 'jitter'
  | 'budget'
  | 'breaker'
  | 'replicas'
  | 'load'
  | 'release'
  | 'owners'
  | 'deployFailureRate'
  | 'networkErrors'
  | 'hedge'
  | 'bulkhead';

export type ControlValue = number | string | boolean;

/** One knob turned: which, on what (a service or datastore name; absent = every remote call). */
export interface ControlSetting {
  readonly control: ControlName;
  readonly target?: string | undefined;
  readonly value: ControlValue;
}

type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

type MutableModel = DeepMutable<Model>;
type MutableCall = DeepMutable<CallStep>;

/**
 * The hedge a reader switches on: one extra copy once an attempt is slower than 95% of the answers
 * the call has seen (Dean and Barroso's example in "The Tail at Scale" hedges at about p95).
 */
export const DEFAULT_HEDGE: HedgePolicy = { percentile: 0.95, max: 1 };

/** The breaker a reader switches on: opens at half the last 20 calls failing, probes after 2 s. */
export const DEFAULT_BREAKER: BreakerPolicy = {
  failureRate: 0.5,
  window: 20,
  minimumCalls: 10,
  cooldown: 2000,
  probes: 1,
};

function forEachStep(steps: readonly Step[], visit: (step: Step) => void): void {
  for (const step of steps) {
    visit(step);
    if (step.kind === 'parallel') forEachStep(step.steps, visit);
  }
}

/** Remote call steps (caller and callee in different services), optionally only into `target`. */
function remoteCalls(model: Model, target?: string): CallStep[] {
  const calls: CallStep[] = [];
  for (const service of Object.values(model.services)) {
    for (const operation of Object.values(service.operations)) {
      forEachStep(operation.steps, (step) => {
        if (step.kind !== 'call' || step.service === service.name) return;
        if (target === undefined || step.service === target) calls.push(step);
      });
    }
  }
  return calls;
}

function numberOf(setting: ControlSetting): number {
  const value = Number(setting.value);
  if (!Number.isFinite(value)) {
    throw new RangeError(`${setting.control}: expected a number, got ${String(setting.value)}`);
  }
  return value;
}

function faultTarget(model: Model, name: string | undefined, control: string): FaultTarget {
  if (name === undefined) throw new RangeError(`${control}: needs a target component`);
  if (name === 'bus') return { kind: 'bus' };
  if (model.services[name]) return { kind: 'service', service: name };
  if (model.datastores[name]) return { kind: 'datastore', datastore: name };
  const [service, operation] = name.split('.');
  if (service && operation && model.services[service]?.operations[operation]) {
    return { kind: 'operation', service, operation };
  }
  throw new RangeError(`${control}: unknown component "${name}"`);
}

function addFault(
  model: MutableModel,
  setting: ControlSetting,
  kind: Fault['kind'],
  errorRate = 0,
): void {
  model.faults.push({
    target: faultTarget(model, setting.target, setting.control),
    kind,
    from: 0,
    until: Number.POSITIVE_INFINITY,
    factor: 1,
    errorRate,
  });
}

function editCalls(
  model: MutableModel,
  target: string | undefined,
  edit: (c: MutableCall) => void,
) {
  for (const call of remoteCalls(model, target)) edit(call as MutableCall);
}

function apply(model: MutableModel, setting: ControlSetting): void {
  const { control, target } = setting;
  switch (control) {
    case 'calls': {
      const times = Math.max(1, Math.round(numberOf(setting)));
      editCalls(model, target, (c) => {
        c.times = times;
      });
      return;
    }
    case 'failureRate': {
      const rate = numberOf(setting);
      if (rate > 0) addFault(model, setting, 'errors', Math.min(1, rate));
      return;
    }
    case 'down':
      if (setting.value === true) addFault(model, setting, 'down');
      return;
    case 'hang':
      if (setting.value === true) addFault(model, setting, 'hang');
      return;
    case 'timeout': {
      const ms = numberOf(setting);
      editCalls(model, target, (c) => {
        if (ms > 0) c.timeout = ms;
        else delete c.timeout;
      });
      return;
    }
    case 'retries': {
      const attempts = Math.max(1, Math.round(numberOf(setting)));
      editCalls(model, target, (c) => {
        c.retry.attempts = attempts;
      });
      return;
    }
    case 'backoff': {
      const backoff = String(setting.value);
      if (backoff !== 'none' && backoff !== 'constant' && backoff !== 'exponential') {
        throw new RangeError(`backoff: expected none, constant or exponential, got ${backoff}`);
      }
      editCalls(model, target, (c) => {
        c.retry.backoff = backoff;
      });
      return;
    }
    case 'jitter': {
      const jitter = String(setting.value);
      if (
        jitter !== 'none' &&
        jitter !== 'full' &&
        jitter !== 'equal' &&
        jitter !== 'decorrelated'
      ) {
        throw new RangeError(`jitter: expected none, full, equal or decorrelated, got ${jitter}`);
      }
      editCalls(model, target, (c) => {
        c.retry.jitter = jitter;
      });
      return;
    }
    case 'budget': {
      const share = numberOf(setting);
      editCalls(model, target, (c) => {
        if (share > 0) c.retry.budget = Math.min(1, share);
        else delete c.retry.budget;
      });
      return;
    }
    case 'breaker': {
      const on = setting.value === true;
      editCalls(model, target, (c) => {
        if (on) c.breaker = { ...(c.breaker ?? DEFAULT_BREAKER) };
        else delete c.breaker;
      });
      return;
    }
    case 'replicas': {
      const replicas = Math.max(1, Math.round(numberOf(setting)));
      for (const service of Object.values(model.services)) {
        if (target === undefined || service.name === target) service.replicas = replicas;
      }
      return;
    }
    case 'load': {
      const rate = numberOf(setting);
      if (rate <= 0) throw new RangeError(`load: expected a rate above 0, got ${rate}`);
      model.workload.rate = rate;
      return;
    }
    case 'release': {
      const release = String(setting.value);
      if (release !== 'one-click' && release !== 'per-team') {
        throw new RangeError(`release: expected one-click or per-team, got ${release}`);
      }
      model.organization.release = release;
      return;
    }
    case 'owners': {
      const owners = String(setting.value);
      if (owners !== 'one-team' && owners !== 'as-written') {
        throw new RangeError(`owners: expected one-team or as-written, got ${owners}`);
      }
      if (owners === 'one-team') oneTeam(model);
      return;
    }
    case 'deployFailureRate': {
      const rate = numberOf(setting);
      if (rate < 0 || rate > 1) {
        throw new RangeError(`deployFailureRate: expected a share from 0 to 1, got ${rate}`);
      }
      for (const service of Object.values(model.services)) {
        if (target === undefined || service.name === target) service.deploy.failureRate = rate;
      }
      return;
    }
    case 'networkErrors': {
      // The chance that one remote hop fails (`network.errorRate`); in-process calls never see it.
      const rate = numberOf(setting);
      if (rate < 0 || rate > 1) {
        throw new RangeError(`networkErrors: expected a share from 0 to 1, got ${rate}`);
      }
      model.network.errorRate = rate;
      return;
    }
    case 'bulkhead': {
      // At most this many attempts in flight from each caller to the callee (0 = no bulkhead).
      const limit = Math.round(numberOf(setting));
      editCalls(model, target, (c) => {
        if (limit > 0) c.bulkhead = limit;
        else delete c.bulkhead;
      });
      return;
    }
    case 'hedge': {
      const on = setting.value === true;
      editCalls(model, target, (c) => {
        if (on) c.hedge = { ...(c.hedge ?? DEFAULT_HEDGE) };
        else delete c.hedge;
      });
      return;
    }
  }
}

/** The team that owns everything under `owners: one-team`. */
export const ONE_TEAM = 'one-team';

/**
 * `owners: one-team`: one team owns every service and every module, so no release needs a
 * handoff and no deployable is a release train (the organisation axis, nothing else changes).
 */
function oneTeam(model: MutableModel): void {
  model.teams = { [ONE_TEAM]: { name: ONE_TEAM } };
  for (const service of Object.values(model.services)) {
    service.team = ONE_TEAM;
    service.modules = {};
  }
}

/**
 * A new model with the settings applied in order; the input is left untouched. Throws a
 * `RangeError` naming the control for a value or target that cannot apply.
 */
export function applyControls(model: Model, settings: readonly ControlSetting[]): Model {
  const copy = structuredClone(model) as MutableModel;
  for (const setting of settings) apply(copy, setting);
  return copy as Model;
}

/**
 * The value a control has in an unedited model, so a slider starts where the document is.
 * Calls, timeout and retries read the first matching remote call.
 */
export function readControl(model: Model, control: ControlName, target?: string): ControlValue {
  const first = remoteCalls(model, target)[0];
  switch (control) {
    case 'calls':
      return first?.times ?? 1;
    case 'failureRate':
      return 0;
    case 'down':
    case 'hang':
      return false;
    case 'timeout':
      return first?.timeout ?? 0;
    case 'retries':
      return first?.retry.attempts ?? 1;
    case 'backoff':
      return first?.retry.backoff ?? 'none';
    case 'jitter':
      return first?.retry.jitter ?? 'none';
    case 'budget':
      return first?.retry.budget ?? 0;
    case 'breaker':
      return first?.breaker !== undefined;
    case 'replicas': {
      const services: Service[] = Object.values(model.services);
      return (target ? model.services[target]?.replicas : services[0]?.replicas) ?? 1;
    }
    case 'load':
      return model.workload.rate;
    case 'release':
      return model.organization.release;
    case 'owners':
      return 'as-written';
    case 'deployFailureRate': {
      const services: Service[] = Object.values(model.services);
      return (target ? model.services[target] : services[0])?.deploy.failureRate ?? 0;
    }
    case 'networkErrors':
      return model.network.errorRate;
    case 'hedge':
      return first?.hedge !== undefined;
    case 'bulkhead':
      return first?.bulkhead ?? 0;
  }
}

/** Names of every component a fault can target: services, datastores and (if used) the bus. */
export function componentNames(model: Model): string[] {
  const names = [...Object.keys(model.services), ...Object.keys(model.datastores)];
  const usesBus = Object.values(model.services).some((service: Service) =>
    Object.values(service.operations).some((operation: Operation) => {
      let publishes = false;
      forEachStep(operation.steps, (step) => {
        if (step.kind === 'publish') publishes = true;
      });
      return publishes;
    }),
  );
  if (usesBus) names.push('bus');
  return names;
}
