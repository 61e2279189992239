// A seeded generator (mulberry32): the same seed gives the same queries and the same synthetic
// corpus on every machine and every Node version, which Math.random cannot promise.
import { createHash } from 'node:crypto';

export function seedFrom(...parts) {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}

export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}
