/**
 * The bench's M/M/1 model as a topology document, shared by the in-process rows (`row.ts`) and the
 * whole-process and start rows (`wholeProcess.ts`, which writes it to files for `lockstep.mjs`).
 * SimPy's side is `mm1_simpy.py`: the same arrivals, work and single server.
 */

/**
 * M/M/1 as a document: Poisson arrivals at 500/s, exponential work of mean 1 ms, one slot;
 * `requests` user requests.
 */
export function mm1Document(requests: number): string {
  return `
name: M/M/1 at ρ = 0.5
workload: { requests: ${requests}, rate: 500, arrivals: poisson, seed: 1 }
network: { latency: 0ms }
services:
  server:
    concurrency: 1
    operations:
      serve: { work: { dist: exponential, mean: 1ms } }
endpoints:
  serve: { operation: server.serve }
`;
}

/** The M/M/1 document at 200,000 requests, the engine rows' size. */
export const MM1_DOCUMENT = mm1Document(200_000);

/** Requests of the small document the start rows run: a run this short is nearly all start. */
export const SMALL_REQUESTS = 2000;
