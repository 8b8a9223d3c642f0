import { OrchestratorPool } from '../../daemon/pool/orchestratorPool';
import type { PoolLogLevel, PoolOptions } from '../../daemon/pool/poolOptions';
import { FakeClock } from '../helpers/fakeClock';

/** A stand-in for a wired-up orchestrator: just enough identity to tell instances apart. */
export interface FakeOrchestrator {
  readonly id: number;
  readonly key: string;
}

export interface PoolHarness {
  pool: OrchestratorPool<FakeOrchestrator>;
  clock: FakeClock;
  disposed: FakeOrchestrator[];
  logged: { level: PoolLogLevel; message: string }[];
  creates: () => number;
  /** A `create` for `key` that counts calls and hands out numbered instances. */
  creator: (key: string) => () => Promise<FakeOrchestrator>;
}

export function poolHarness(options: Partial<PoolOptions<FakeOrchestrator>> = {}): PoolHarness {
  const clock = new FakeClock();
  const disposed: FakeOrchestrator[] = [];
  const logged: { level: PoolLogLevel; message: string }[] = [];
  let created = 0;
  const pool = new OrchestratorPool<FakeOrchestrator>({
    clock,
    dispose: (instance) => {
      disposed.push(instance);
    },
    log: (level, message) => logged.push({ level, message }),
    ...options,
  });
  return {
    pool,
    clock,
    disposed,
    logged,
    creates: () => created,
    creator: (key) => async () => {
      created += 1;
      return { id: created, key };
    },
  };
}
