import { errorFunction } from 'simple-statistics';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Standard normal CDF Φ(z), through simple-statistics' error function (accurate to ~1e-7). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/**
 * The inverse Mills ratio φ(z) / (1 − Φ(z)): how far above `z` a standard normal lies on
 * average once it is known to be above `z` (E[Z | Z > z] = λ(z)). Beyond z = 5 the tail
 * 1 − Φ(z) is too small to take from the CDF without cancellation, so the ratio comes from
 * its continued fraction λ(z) = z + 1/(z + 2/(z + 3/(z + …))) (ten terms: exact to double
 * precision there).
 */
export function inverseMillsRatio(z: number): number {
  if (z < 5) return normalPdf(z) / Math.max(1 - normalCdf(z), Number.MIN_VALUE);
  let tail = z;
  for (let k = 10; k >= 1; k--) tail = z + k / tail;
  return tail;
}
