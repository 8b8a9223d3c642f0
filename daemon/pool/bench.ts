import { performance } from 'node:perf_hooks';
import { OrchestratorPool } from './orchestratorPool';

export interface PoolBenchFigures {
  /** Mean cost of acquiring and releasing an instance that is already pooled, in microseconds. */
  'pool.hit_us': number;
  /** Creates run for 1000 concurrent acquires of one missing key; single-flight makes it 1. */
  'pool.creates_under_1000_concurrent': number;
}

const hitIterations = 100_000;
const warmupIterations = 5_000;
const concurrentAcquires = 1_000;

/** Micro-benchmark of the pool's hot path and of its single-flight guarantee. */
export async function benchPool(): Promise<PoolBenchFigures> {
  return {
    'pool.hit_us': await measureHitMicroseconds(),
    'pool.creates_under_1000_concurrent': await countCreatesUnderConcurrency(),
  };
}

async function measureHitMicroseconds(): Promise<number> {
  const pool = new OrchestratorPool<object>({ dispose: () => {} });
  const create = async (): Promise<object> => ({});
  try {
    (await pool.acquire('bench', create)).release();
    for (let i = 0; i < warmupIterations; i += 1) (await pool.acquire('bench', create)).release();
    const started = performance.now();
    for (let i = 0; i < hitIterations; i += 1) (await pool.acquire('bench', create)).release();
    return ((performance.now() - started) * 1000) / hitIterations;
  } finally {
    await pool.close();
  }
}

async function countCreatesUnderConcurrency(): Promise<number> {
  const pool = new OrchestratorPool<object>({ dispose: () => {} });
  let creates = 0;
  const create = async (): Promise<object> => {
    creates += 1;
    // A real create does I/O; yielding to the event loop gives every other acquire time to arrive meanwhile.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return {};
  };
  try {
    const leases = await Promise.all(Array.from({ length: concurrentAcquires }, () => pool.acquire('bench', create)));
    for (const lease of leases) lease.release();
    return creates;
  } finally {
    await pool.close();
  }
}
