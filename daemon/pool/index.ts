export { OrchestratorPool } from './orchestratorPool';
export type { Lease } from './lease';
export { poolKey, type PoolKeyInput } from './poolKey';
export { canonicalJson } from './canonicalJson';
export { poolDefaults, type PoolLog, type PoolLogLevel, type PoolOptions } from './poolOptions';
export { poolStatus, type PoolStats, type PoolStatus } from './poolStats';
export { poolExhausted } from './poolExhausted';
