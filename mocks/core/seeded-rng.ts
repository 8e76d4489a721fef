/**
 * Counter-based randomness: every draw is a pure function of (seed, keys), so the mock
 * server and the virtual clock draw the same numbers for the same request, whatever the
 * order in which other routes or sessions were served.
 */

/** 32-bit FNV-1a over the keys' text, mixed into the seed. */
export function hashKeys(seed: number, keys: readonly (string | number)[]): number {
  let h = (0x811c9dc5 ^ (seed | 0)) >>> 0;
  for (const key of keys) {
    const text = typeof key === 'number' ? `#${key}` : key;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** splitmix32 finaliser: a well-spread 32-bit value from a 32-bit state. */
function mix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A uniform number in [0, 1) for these keys. */
export function uniformDraw(seed: number, keys: readonly (string | number)[]): number {
  return mix32(hashKeys(seed, keys)) / 4294967296;
}

/** A standard normal number for these keys (Box–Muller over two uniform draws). */
export function normalDraw(seed: number, keys: readonly (string | number)[]): number {
  const u1 = Math.max(uniformDraw(seed, [...keys, 'u1']), Number.EPSILON);
  const u2 = uniformDraw(seed, [...keys, 'u2']);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Draws bound to one (seed, route, request number); `stream` separates their uses. */
export interface RequestDraws {
  uniform(stream: string, index?: number): number;
  normal(stream: string, index?: number): number;
}

export function requestDraws(seed: number, routeId: string, n: number): RequestDraws {
  return {
    uniform: (stream, index = 0) => uniformDraw(seed, [routeId, n, stream, index]),
    normal: (stream, index = 0) => normalDraw(seed, [routeId, n, stream, index]),
  };
}
