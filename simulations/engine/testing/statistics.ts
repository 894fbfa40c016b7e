/**
 * Estimators for the theory tests. Successive response times in a queue are correlated, so the
 * plain standard error of their mean is too small; batch means (Law and Kelton, "Simulation
 * Modeling and Analysis", §9.5.3) split the run into a few long batches whose means are nearly
 * independent, and take the standard error over those.
 */

/** Mean of `values` and its standard error from `batches` batch means. */
export function batchMeans(values: ArrayLike<number>, batches = 20): { mean: number; se: number } {
  const n = values.length;
  const size = Math.floor(n / batches);
  const means: number[] = [];
  let total = 0;
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += values[i];
    means.push(sum / size);
    total += sum;
  }
  const mean = total / (size * batches);
  const variance = means.reduce((s, m) => s + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(variance / batches) };
}

/** Standard error of a proportion p measured over n independent trials. */
export function proportionSe(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // Σ_{k<c} a^k / k!
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const rho = a / c;
  const top = last / (1 - rho);
  return top / (sum + top);
}
