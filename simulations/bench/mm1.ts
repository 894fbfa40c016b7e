/**
 * The bench's M/M/1 model as a topology document, shared by the in-process rows (`row.ts`) and the
 * whole-process rows (`wholeProcess.ts`, which writes it to a file for `lockstep.mjs`). SimPy's
 * side is `mm1_simpy.py`: the same arrivals, work and single server.
 */

/** M/M/1 as a document: Poisson arrivals at 500/s, exponential work of mean 1 ms, one slot. */
export const MM1_DOCUMENT = `
name: M/M/1 at ρ = 0.5
workload: { requests: 200000, rate: 500, arrivals: poisson, seed: 1 }
network: { latency: 0ms }
services:
  server:
    concurrency: 1
    operations:
      serve: { work: { dist: exponential, mean: 1ms } }
endpoints:
  serve: { operation: server.serve }
`;
