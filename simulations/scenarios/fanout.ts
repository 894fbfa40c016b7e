/**
 * Fan-out and the tail: one request asks k leaves at once and waits for all of them.
 *
 * Each leaf answers in about a millisecond, except one time in a hundred, when it takes a second
 * (the example of Dean and Barroso, "The Tail at Scale", CACM 2013: a server with a 1 ms typical
 * answer and a 1 s 99th percentile). The request is as slow as its slowest leaf, so it is slow
 * whenever at least one leaf is: with chance 1 − 0.99ᵏ (`slowShare`).
 *
 * To count slow requests exactly, the document has two endpoints that receive half the traffic
 * each, both calling the same fan-out: `answer` waits as long as it takes (its percentiles are the
 * figure's latency), `deadline` gives up after `DEADLINE_MS` (its failures are the slow requests:
 * 1 − its availability is the share that met at least one slow leaf). Network latency is a
 * constant half millisecond and every pool is ample, so the leaves' own tail is the only tail.
 * Hedging is the `hedge` control on calls into `leaf`.
 */
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';

/** Most leaves a figure offers. */
export const MAX_LEAVES = 100;
/** Chance that one leaf is slow. */
export const SLOW_SHARE = 0.01;
/** A slow leaf's answer, ms. */
export const SLOW_MS = 1000;
/** Longer than any fast request, far shorter than a slow one. */
export const DEADLINE_MS = 500;

export interface FanoutOptions {
  /** Leaves each request asks, 1 to `MAX_LEAVES`. */
  readonly leaves: number;
  /** User requests per second. Default 50. */
  readonly rate?: number;
}

/** The fan-out's topology document as YAML text. */
export function fanoutYaml({ leaves, rate = 50 }: FanoutOptions): string {
  if (!Number.isInteger(leaves) || leaves < 1 || leaves > MAX_LEAVES) {
    throw new RangeError(
      `fanout: leaves must be a whole number from 1 to ${MAX_LEAVES}, got ${leaves}`,
    );
  }
  const fast = 1 - SLOW_SHARE;
  return `name: Fan-out to ${leaves} leaves
description: Each request asks ${leaves} leaves at once and waits for every answer.
workload: { requests: 4000, rate: ${rate}, seed: 1 }
network: { latency: 0.5ms }
services:
  client:
    concurrency: 10000
    operations:
      answer: { steps: [ { call: front.page } ] }
      deadline: { steps: [ { call: front.page, timeout: ${DEADLINE_MS}ms } ] }
  front:
    concurrency: 10000
    operations:
      page: { work: 0.1ms, steps: [ { call: leaf.read, fanout: ${leaves} } ] }
  leaf:
    concurrency: 10000
    operations:
      read:
        work:
          dist: mixture
          of:
            - { weight: ${Math.round(fast * 1e4) / 100}%, value: { dist: exponential, mean: 1ms } }
            - { weight: ${Math.round(SLOW_SHARE * 1e4) / 100}%, value: ${SLOW_MS}ms }
endpoints:
  answer: { operation: client.answer, weight: 1 }
  deadline: { operation: client.deadline, weight: 1 }
`;
}

/** The fan-out as a `Model`; throws if the parser refuses it (a bug here). */
export function fanoutModel(options: FanoutOptions): Model {
  const parsed = parseTopology(fanoutYaml(options), { file: 'fanout.yaml' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

/** 1 − (1 − s)ᵏ: the chance that at least one of k leaves is slow, each with chance s. */
export function slowShare(leaves: number, slow = SLOW_SHARE): number {
  return 1 - (1 - slow) ** leaves;
}

/**
 * Requests per run for a figure that must answer a drag quickly: a run costs about one leaf call
 * per request and leaf, so the count shrinks as k grows (full: about 200,000 leaf calls, at least
 * 2,000 requests; coarse, answered first: a tenth of that).
 */
export function fanoutRequests(leaves: number): { readonly coarse: number; readonly full: number } {
  const full = Math.min(8000, Math.max(2000, Math.round(200_000 / leaves / 100) * 100));
  const coarse = Math.min(full / 4, Math.max(400, Math.round(20_000 / leaves / 100) * 100));
  return { coarse, full };
}
