/**
 * The event loop is every socket's: DuckDB's appender runs on the calling thread (≈5 µs a row to append and as
 * much again to flush, for PyRIT's 18-column pieces), so a 24k-row batch appended and flushed in one go held every
 * client and every target call for 100–250 ms. The writer therefore appends and flushes at most this many rows per
 * turn of the event loop (≈5–10 ms on a quiet core), and yields in between.
 */
export const SLICE_ROWS = 1024;

/** Lets pending I/O (sockets, timers, model replies) run before the next slice. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
