import type { Handler } from '../server/dispatcher';

// Replaced when the memory layer lands (same session).
export const cacheClear: Handler<'cache/clear'> = () => ({ closed: [], kept: [], pool_instances_disposed: 0 });
