import type { ResultOf } from '../../protocol/methods';

export type CacheClearResult = ResultOf<'cache/clear'>;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One sentence a person reads in a notification: what was closed, what was kept and why. */
export function describeCacheClear(result: CacheClearResult): string {
  const parts = [
    `closed ${plural(result.closed.length, 'database')}`,
    `disposed ${plural(result.pool_instances_disposed, 'idle pool instance')}`,
  ];
  if (result.kept.length > 0) {
    const reasons = [...new Set(result.kept.map((k) => k.reason))].join('; ');
    parts.push(`kept ${plural(result.kept.length, 'open database')} (${reasons})`);
  }
  return `Cache cleared: ${parts.join(', ')}.`;
}
