import {
  attackResultIdOfConversation,
  attackResultsById,
  listAttackResults,
  outcomeCountsByExecution,
  storedResultKeys,
} from './attackResultQueries';
import { summarizeAttackResults } from './attackResultSummary';
import { comparableResults, comparedPrompts } from './comparableResults';
import { conversationTurns } from './conversationQueries';
import type { MemoryBackend } from './memoryBackend';
import { executionById, executionList, orchestratorById, orchestratorList } from './orchestratorReads';
import type { SqlReader } from './sqlSession';
import { isSupersededConversation, supersededByPrompt, unfinishedConversations } from './supersededConversations';
import { latestBudgets, usageByExecution } from './usageLedger';

/**
 * The memory's reads by name, each a function of a reader and plain arguments. Named, a read runs whole where the
 * memory is: on the daemon's memory thread it is one message each way, however many queries it makes, and its rows
 * become JS objects there, not on the thread that serves the sockets.
 */
export const READ_OPERATIONS = {
  orchestratorById,
  orchestratorList,
  executionById,
  executionList,
  listAttackResults,
  attackResultsById,
  comparableResults,
  comparedPrompts,
  outcomeCountsByExecution,
  summarizeAttackResults,
  storedResultKeys,
  attackResultIdOfConversation,
  unfinishedConversations,
  usageByExecution,
  latestBudgets,
  supersededByPrompt,
  isSupersededConversation,
  conversationTurns,
};

type Operations = typeof READ_OPERATIONS;
export type ReadOperationName = keyof Operations;
type Tail<T> = T extends [unknown, ...infer Rest] ? Rest : never;
export type ReadOperationArgs<K extends ReadOperationName> = Tail<Parameters<Operations[K]>>;
export type ReadOperationResult<K extends ReadOperationName> = Awaited<ReturnType<Operations[K]>>;

export function runReadOperation<K extends ReadOperationName>(
  reader: SqlReader,
  name: K,
  args: ReadOperationArgs<K>,
): Promise<ReadOperationResult<K>> {
  // TypeScript cannot follow K from the name to its function's own signature: the table above is what ties them.
  const operation = READ_OPERATIONS[name] as unknown as (
    reader: SqlReader,
    ...args: ReadOperationArgs<K>
  ) => Promise<ReadOperationResult<K>>;
  return operation(reader, ...args);
}

/** The read on `backend`: sent whole to a memory that runs named reads itself (its thread), else run here. */
export function readOperation<K extends ReadOperationName>(
  backend: MemoryBackend,
  dbPath: string,
  name: K,
  ...args: ReadOperationArgs<K>
): Promise<ReadOperationResult<K>> {
  if (backend.readOperation !== undefined) return backend.readOperation(dbPath, name, args);
  return backend.read(dbPath, (reader) => runReadOperation(reader, name, args));
}
