import { DatabaseManager } from './databaseManager';
import { managerFiles, type DuckDBFiles } from './duckdbFiles';
import type { MemoryBackend } from './memoryBackend';
import { ThreadedMemory } from './thread/threadedMemory';
import { DatabaseUnavailableError } from '../../domain/errors';

/**
 * The DuckDB backend, for the few features that use DuckDB itself (COPY to a file, ATTACH of an export). With a
 * PostgreSQL memory they are refused with a reason rather than half-done.
 */
export function duckdbOnly(backend: MemoryBackend, feature: string): DuckDBFiles {
  if (backend instanceof ThreadedMemory) return backend;
  if (backend instanceof DatabaseManager) return managerFiles(backend);
  throw new DatabaseUnavailableError(
    `${feature} needs the embedded DuckDB memory; this daemon keeps memory in PostgreSQL (VUTF_MEMORY_URL). Unset VUTF_MEMORY_URL to use it on your own DuckDB file.`,
    { reason: 'duckdb_only', backend: backend.backend },
  );
}
