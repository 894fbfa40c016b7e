"""M/M/1 in SimPy 3, the same model as the bench's one-service document.

Poisson arrivals at 500/s, exponential service with mean 1 ms, one server with a FIFO queue,
N customers; times in milliseconds. Like our engine, it keeps every response time and orders them
once at the end for exact percentiles. Our row does more than that: it builds its whole report
(the noise by batch means, a timeline of up to 200 buckets with their own percentiles, the CDF),
about a quarter of its cold time at 200,000 requests. The comparison gives SimPy that work free.

    /usr/bin/python3 simulations/bench/mm1_simpy.py N SEED
prints one JSON line: wallMs, requests, meanMs, p99Ms, peakRssMB.
"""
import json
import random
import resource
import sys
import time

import simpy

ARRIVAL_RATE = 0.5  # per ms (500/s)
SERVICE_RATE = 1.0  # per ms (mean 1 ms)


def main(n, seed):
    random.seed(seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    latencies = []

    def customer(env):
        arrived = env.now
        with server.request() as request:
            yield request
            yield env.timeout(random.expovariate(SERVICE_RATE))
        latencies.append(env.now - arrived)

    def source(env):
        for _ in range(n):
            yield env.timeout(random.expovariate(ARRIVAL_RATE))
            env.process(customer(env))

    started = time.perf_counter()
    env.process(source(env))
    env.run()
    latencies.sort()
    wall_ms = (time.perf_counter() - started) * 1000
    p99 = latencies[max(0, -(-99 * len(latencies) // 100) - 1)]
    print(json.dumps({
        "wallMs": wall_ms,
        "requests": len(latencies),
        "meanMs": sum(latencies) / len(latencies),
        "p99Ms": p99,
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
