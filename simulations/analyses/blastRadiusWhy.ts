/**
 * Why a simulated blast radius differs from the static one: one sentence per column, the two
 * numbers first, then what in the graph makes them differ (callers without timeouts, optional
 * steps, retries, breakers, asynchronous consumers) and what the run measured (failed, late,
 * never answered), e.g. "inventory hang: static 30%, simulated 97%: gateway.product calls it
 * without a timeout, so gateway runs out of threads waiting for ever (97% never answered)".
 */
import type { Model } from '../model/types.ts';
import { BUS } from './blastRadius.ts';
import { formatDuration, formatList, formatPercent, formatShortList } from './format.ts';
import { forEachStep, hardDependencies, operationKey } from './graph.ts';
import type { FailureBlastRadius, InjectedFailure } from './simulatedBlastRadius.ts';

export interface WhyContext {
  readonly model: Model;
  readonly component: string;
  readonly kind: InjectedFailure;
  readonly staticShare: number;
  readonly failure: FailureBlastRadius;
  readonly slowFactor: number;
}

/** A step that calls or queries the component from another service. */
interface EntryStep {
  /** `service.operation` of the caller. */
  readonly caller: string;
  readonly service: string;
  readonly optional: boolean;
  readonly timeout?: number;
  readonly attempts: number;
  readonly breaker: boolean;
}

/** `inventory hang: static 30%, simulated 97%: …` for a column that disagrees with the static one. */
export function failureWhy(context: WhyContext): string {
  const { component, kind, staticShare, failure } = context;
  const head =
    `${component} ${label(context)}: static ${formatPercent(staticShare)}, ` +
    `simulated ${formatPercent(failure.share)}`;
  const reasons =
    kind === 'down'
      ? downReasons(context)
      : kind === 'hang'
        ? hangReasons(context)
        : slowReasons(context);
  const lost = lostClause(failure);
  const measured = lost === '' ? '' : ` (${lost})`;
  return `${head}: ${reasons.join('; ')}${measured}`;
}

/** `bus down: deferred 100%: 296 of 296 deliveries dead-lettered, though users lost nothing`. */
export function deferredWhy(context: WhyContext): string {
  const { component, failure, model } = context;
  const d = failure.deliveries;
  const objective = formatObjectives(Object.values(model.events).map((e) => e.slo));
  const parts = [
    d.deadLettered > 0 ? `${d.deadLettered} dead-lettered` : '',
    d.dropped > 0 ? `${d.dropped} dropped` : '',
    d.stuck > 0 ? `${d.stuck} never delivered` : '',
    d.late > 0 ? `${d.late} delivered after ${objective}` : '',
  ].filter((p) => p.length > 0);
  const users =
    failure.share <= failure.tolerance
      ? 'though users lost nothing'
      : `besides ${formatPercent(failure.share)} of user traffic`;
  return (
    `${component} ${label(context)}: deferred ${formatPercent(failure.deferred)}: ` +
    `${formatList(parts)} of ${d.expected} deliveries, ${users}`
  );
}

function label({ kind, slowFactor }: WhyContext): string {
  return kind === 'slow' ? `slow ×${slowFactor}` : kind;
}

/** Down: what can make an outage cost less (or more) than the graph says. */
function downReasons({ model, component, failure, staticShare }: WhyContext): string[] {
  const reasons: string[] = [];
  const entries = entriesReaching(model, component);
  const optional = unique(entries.filter((e) => e.optional).map((e) => e.caller));
  if (optional.length > 0)
    reasons.push(`${name(component)} is called optionally by ${formatList(optional)}`);
  reasons.push(...asyncReasons(model, component));
  const retried = unique(entries.filter((e) => e.attempts > 1).map((e) => e.caller));
  if (retried.length > 0) {
    const verb = retried.length > 1 ? 'retry' : 'retries';
    reasons.push(`${formatList(retried)} ${verb} it, adding load while it is down`);
  }
  const broken = unique(entries.filter((e) => e.breaker).map((e) => e.caller));
  if (broken.length > 0) reasons.push(`breakers in ${formatList(broken)} fail fast once open`);
  if (failure.late > 0.005) reasons.push('requests that wait on it end over their objective');
  if (reasons.length === 0) reasons.push(fallback(failure.share, staticShare, 'outage'));
  return reasons;
}

/** Hang: an attempt is swallowed; its caller waits for its timeout, or for ever. */
function hangReasons({ model, component, failure, staticShare }: WhyContext): string[] {
  const reasons: string[] = [];
  const direct = entriesInto(model, component);
  const waitForever = direct.filter((e) => e.timeout === undefined);
  const optionalForever = unique(waitForever.filter((e) => e.optional).map((e) => e.caller));
  const requiredForever = unique(waitForever.filter((e) => !e.optional).map((e) => e.caller));
  if (failure.share > staticShare) {
    if (requiredForever.length > 0 || optionalForever.length > 0) {
      const callers = [...requiredForever, ...optionalForever];
      const blocked = blockedServices(model, direct);
      const verb = callers.length > 1 ? 'call' : 'calls';
      reasons.push(
        `${formatShortList(callers)} ${verb} it without a timeout, so ` +
          `${formatShortList(blocked)} ${blocked.length > 1 ? 'run' : 'runs'} out of threads ` +
          'waiting for ever',
      );
    }
    if (optionalForever.length > 0) {
      reasons.push(
        `${formatShortList(optionalForever)} ${optionalForever.length > 1 ? 'call' : 'calls'} it ` +
          'optionally, but optional isolates a failure, not a wait without a timeout',
      );
    }
    const timed = direct.filter((e) => e.timeout !== undefined);
    if (waitForever.length === 0 && timed.length > 0) {
      const longest = Math.max(...timed.map((e) => (e.timeout ?? 0) * e.attempts));
      reasons.push(
        `its callers hold a thread for up to ${formatDuration(longest)} per call while they wait ` +
          'out their timeouts, so their threads run short',
      );
    }
  } else {
    reasons.push(...asyncReasons(model, component));
    const timed = unique(
      direct.filter((e) => e.timeout !== undefined && e.optional).map((e) => e.caller),
    );
    if (timed.length > 0) {
      reasons.push(
        `${formatShortList(timed)} call it optionally with a timeout, and carry on without it`,
      );
    }
  }
  if (reasons.length === 0) reasons.push(fallback(failure.share, staticShare, 'hang'));
  return reasons;
}

/** Slow: work takes `slowFactor` times longer; it costs only what ends over an objective. */
function slowReasons(context: WhyContext): string[] {
  const { model, component, failure, staticShare, slowFactor } = context;
  const objective = formatObjectives(Object.values(model.endpoints).map((e) => e.slo));
  if (failure.share < staticShare) {
    const reason =
      failure.share === 0
        ? `the requests that need it slow down, but all still answer within ${objective}`
        : `the requests that need it slow down, and only some end over ${objective}`;
    return [reason, ...asyncReasons(model, component)];
  }
  const what = component === BUS ? 'the bus latency' : 'its work';
  const reasons = [
    `${what} × ${slowFactor} outgrows its ${pool(model, component)}, so requests queue`,
  ];
  const direct = entriesInto(model, component);
  const untimed = direct.filter((e) => e.timeout === undefined);
  if (untimed.length > 0 && failure.share > staticShare) {
    const callers = unique(untimed.map((e) => e.caller));
    const blocked = blockedServices(model, direct);
    reasons.push(
      `${formatShortList(callers)} ${callers.length > 1 ? 'wait' : 'waits'} without a timeout, ` +
        `so the queue spreads through the threads of ${formatShortList(blocked)}`,
    );
  }
  const timed = unique(direct.filter((e) => e.timeout !== undefined).map((e) => e.caller));
  if (timed.length > 0 && failure.failed > 0.005) {
    reasons.push(`${formatShortList(timed)} time out on the slowed calls`);
  }
  return reasons;
}

/** Consumers and the bus: users do not wait for asynchronous work. */
function asyncReasons(model: Model, component: string): string[] {
  if (component === BUS) {
    return ['events are published asynchronously, so user requests do not wait for the bus'];
  }
  const consumed = Object.values(model.events).filter((e) =>
    e.consumers.some((c) => c.service === component),
  );
  if (consumed.length === 0) return [];
  const events = formatList(consumed.map((e) => `\`${e.name}\``));
  return [`${name(component)} consumes ${events} asynchronously, which users do not wait for`];
}

function fallback(simulated: number, staticShare: number, what: string): string {
  return simulated > staticShare
    ? `the ${what} spreads through load (queues, timeouts, retries) beyond the call graph`
    : `some requests get through despite the ${what}`;
}

/** `97% never answered, 0.3% failed`: how the lost traffic was lost, largest first. */
function lostClause(failure: FailureBlastRadius): string {
  const parts: [number, string][] = [
    [failure.unanswered, 'never answered'],
    [failure.failed, 'failed'],
    [failure.late, 'over their objective'],
  ];
  const shown = parts.filter(([share]) => share >= 0.0005).sort((a, b) => b[0] - a[0]);
  return shown.map(([share, text]) => `${formatPercent(share)} ${text}`).join(', ');
}

/**
 * Services whose threads fill when the component hangs: the callers that wait for ever, then,
 * in turn, every service that waits without a timeout on one of those.
 */
function blockedServices(model: Model, direct: readonly EntryStep[]): string[] {
  const blocked = new Set(direct.filter((e) => e.timeout === undefined).map((e) => e.service));
  let grew = true;
  while (grew) {
    grew = false;
    for (const service of Object.values(model.services)) {
      if (blocked.has(service.name)) continue;
      const waits = Object.values(service.operations).some((op) => {
        let found = false;
        forEachStep(op.steps, (step) => {
          if (step.kind === 'call' && step.timeout === undefined && blocked.has(step.service)) {
            found = true;
          }
        });
        return found;
      });
      if (waits) {
        blocked.add(service.name);
        grew = true;
      }
    }
  }
  return [...blocked];
}

/** Steps of other services that call or query the component directly. */
function entriesInto(model: Model, component: string): EntryStep[] {
  const out: EntryStep[] = [];
  for (const service of Object.values(model.services)) {
    if (service.name === component) continue; // in-process: the same hanging process
    for (const op of Object.values(service.operations)) {
      forEachStep(op.steps, (step, optional) => {
        const hits =
          (step.kind === 'call' && step.service === component) ||
          (step.kind === 'query' && step.datastore === component);
        if (!hits || (step.kind !== 'call' && step.kind !== 'query')) return;
        out.push({
          caller: operationKey(service.name, op.name),
          service: service.name,
          optional,
          ...(step.timeout === undefined ? {} : { timeout: step.timeout }),
          attempts: step.retry.attempts,
          breaker: step.kind === 'call' && step.breaker !== undefined,
        });
      });
    }
  }
  return out;
}

/** Steps that reach the component, directly or through their callee's hard dependencies. */
function entriesReaching(model: Model, component: string): EntryStep[] {
  const memo = new Map<string, ReadonlySet<string>>();
  const out: EntryStep[] = [];
  for (const service of Object.values(model.services)) {
    for (const op of Object.values(service.operations)) {
      forEachStep(op.steps, (step, optional) => {
        const reaches =
          (step.kind === 'call' &&
            (step.service === component ||
              hardDependencies(model, step.service, step.operation, memo).has(component))) ||
          (step.kind === 'query' && step.datastore === component);
        if (!reaches || (step.kind !== 'call' && step.kind !== 'query')) return;
        out.push({
          caller: operationKey(service.name, op.name),
          service: service.name,
          optional,
          ...(step.timeout === undefined ? {} : { timeout: step.timeout }),
          attempts: step.retry.attempts,
          breaker: step.kind === 'call' && step.breaker !== undefined,
        });
      });
    }
  }
  return out;
}

function pool(model: Model, component: string): string {
  if (component === BUS) return 'consumers';
  return model.datastores[component] !== undefined ? 'connections' : 'threads and cores';
}

/** `their objective (1 s)` or `their objectives (200 ms to 2 s)`. */
function formatObjectives(values: readonly number[]): string {
  if (values.length === 0) return 'their objective';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max
    ? `their objective (${formatDuration(min)})`
    : `their objectives (${formatDuration(min)} to ${formatDuration(max)})`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}

function name(component: string): string {
  return `\`${component}\``;
}
