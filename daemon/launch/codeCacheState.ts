/**
 * How the running bundle was compiled, as its launcher (codeCache.ts) left it for the bundle to report in
 * debug/info. The two are separate bundles, so they meet on a registered symbol rather than a shared module.
 *   - used: V8 took the cached code, so start-up compiled almost nothing;
 *   - missing: there was none yet (first start of this build); it is written once the daemon has started;
 *   - rejected: V8 refused the cached code (another Node or V8 flags); it is written again;
 *   - unsafe: the cache directory or file is not the user's alone, so it was neither read nor written;
 *   - off: VUTF_CODE_CACHE=0, or not started through a launcher (tests that import the source).
 */
export type CodeCacheState = 'used' | 'missing' | 'rejected' | 'unsafe' | 'off';

const STATE = Symbol.for('violentutf.codeCacheState');

type WithState = { [STATE]?: CodeCacheState };

export function setCodeCacheState(state: CodeCacheState): void {
  (globalThis as WithState)[STATE] = state;
}

export function codeCacheState(): CodeCacheState {
  return (globalThis as WithState)[STATE] ?? 'off';
}
