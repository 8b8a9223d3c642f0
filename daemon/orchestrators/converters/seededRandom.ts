/** A source of numbers in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * mulberry32: small, fast and good enough to pick substitutes; not for anything secret. Converters make a fresh
 * one per conversion, so a seeded converter gives the same output for the same text however often it runs.
 * Without a seed the sequence starts somewhere unpredictable, as PyRIT's module-level `random` does.
 */
export function seededRandom(seed: number | undefined): Random {
  let state = (seed ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** One of `options`, each equally likely; undefined only when there are none. */
export function pickOne<T>(random: Random, options: readonly T[]): T | undefined {
  return options[Math.floor(random() * options.length)];
}

/** A whole number in [min, max], both included, like Python's `random.randint`. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** `count` distinct indices out of `length`, in the order drawn (Python's `random.sample(range(length), count)`). */
export function sampleIndices(random: Random, length: number, count: number): number[] {
  const indices = Array.from({ length }, (_, index) => index);
  const taken = Math.max(0, Math.min(count, length));
  for (let i = 0; i < taken; i += 1) {
    const j = i + Math.floor(random() * (length - i));
    [indices[i], indices[j]] = [indices[j] ?? j, indices[i] ?? i];
  }
  return indices.slice(0, taken);
}
