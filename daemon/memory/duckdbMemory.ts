import { DatabaseManager, type DatabaseManagerOptions } from './databaseManager';
import type { MemoryBackend } from './memoryBackend';
import { ThreadedMemory } from './thread/threadedMemory';

/** The embedded memory: on its own thread (the default, VUTF_MEMORY_THREAD=1), or on the caller's. */
export function duckdbMemory(onThread: boolean, options: Omit<DatabaseManagerOptions, 'now'>): MemoryBackend {
  return onThread ? new ThreadedMemory(options) : new DatabaseManager(options);
}
