/**
 * DuckDB `TIMESTAMP` is a naive wall-clock value, stored as microseconds since 1970-01-01 00:00 of *that* wall
 * clock. PyRIT writes `datetime.now()` (local, no zone), so its columns hold local wall-clock time; our own
 * tables hold UTC so that the protocol can send them as instants.
 */

const MICROS_PER_MS = 1000n;

/** Naive local time, as PyRIT's `datetime.now()` would store it. */
export function localTimestampMicros(date: Date): bigint {
  const wallClockMs = date.getTime() - date.getTimezoneOffset() * 60_000;
  return BigInt(wallClockMs) * MICROS_PER_MS;
}

let lastLocalMicros = 0n;

/**
 * "Now" as naive local microseconds, strictly increasing within this process. Date has millisecond resolution, and
 * a run builds many pieces in one millisecond: without this, their order (which results pages follow) would fall
 * back on random conversation ids. A microsecond of skew is invisible next to a model's latency.
 */
export function monotonicLocalTimestampMicros(): bigint {
  const now = localTimestampMicros(new Date());
  lastLocalMicros = now > lastLocalMicros ? now : lastLocalMicros + 1n;
  return lastLocalMicros;
}

export function utcTimestampMicros(date: Date): bigint {
  return BigInt(date.getTime()) * MICROS_PER_MS;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: a literal DuckDB casts to TIMESTAMP without the ICU extension. */
export function utcTimestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A UTC `TIMESTAMP` as DuckDB prints it (`2025-01-02 03:04:05.123456`) → ISO 8601 instant. */
export function utcTextToIso(text: string): string {
  // Through Date so the result has the usual millisecond form (DuckDB trims trailing zeros: ".79").
  return new Date(`${text.replace(' ', 'T')}Z`).toISOString();
}

/** A naive local `TIMESTAMP` → ISO 8601 without offset, which is what it is. */
export function naiveTextToIso(text: string): string {
  return text.replace(' ', 'T');
}

/**
 * Microseconds of a wall clock (local or UTC, as stored) → `YYYY-MM-DD HH:MM:SS.ffffff`, a literal both DuckDB and
 * PostgreSQL cast to TIMESTAMP without a time zone, to the microsecond.
 */
export function microsTimestampText(micros: bigint): string {
  const ms = micros / MICROS_PER_MS;
  let rest = micros % MICROS_PER_MS;
  let wholeMs = ms;
  if (rest < 0n) {
    rest += MICROS_PER_MS;
    wholeMs -= 1n;
  }
  const iso = new Date(Number(wholeMs)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${rest.toString().padStart(3, '0')}`;
}
