import { z } from 'zod';
import { NoParams } from './schemas/common';
import { InitializeParams, InitializeResult, ShutdownResult } from './schemas/session';
import {
  CacheClearResult,
  DatabaseHealth,
  DebugInfo,
  HealthChanged,
  HealthReport,
  OrchestratorsHealth,
} from './schemas/health';

/**
 * THE protocol: every request with its params and result schema, every notification with its params.
 * The daemon validates against it, the client's types are inferred from it, and docs/protocol.schema.json is
 * generated from it (a test fails when the committed file drifts).
 */
export const requests = {
  initialize: {
    summary: 'First call on every connection: agree on the protocol version and learn who you are.',
    params: InitializeParams,
    result: InitializeResult,
  },
  'health/get': {
    summary: 'Overall health for the calling user: orchestrator pool, their database, the daemon process.',
    params: NoParams,
    result: HealthReport,
  },
  'health/orchestrators': {
    summary: 'Orchestrator pool statistics (the seed\'s shape plus leases, hits and evictions).',
    params: NoParams,
    result: OrchestratorsHealth,
  },
  'health/database': {
    summary: 'The calling user\'s database file and connections (the seed\'s shape plus state and WAL size).',
    params: NoParams,
    result: DatabaseHealth,
  },
  'debug/info': {
    summary: 'Who the daemon thinks you are and where your memory lives.',
    params: NoParams,
    result: DebugInfo,
  },
  'cache/clear': {
    summary: 'Checkpoint and close the caller\'s idle database and dispose their idle pool instances.',
    params: NoParams,
    result: CacheClearResult,
  },
  'daemon/shutdown': {
    summary: 'Stop the daemon gracefully (running executions become interrupted).',
    params: NoParams,
    result: ShutdownResult,
  },
} as const;

export const notifications = {
  'health/changed': {
    summary: 'Sent to each client when its health status changes.',
    params: HealthChanged,
  },
} as const;

export type RequestMethod = keyof typeof requests;
export type NotificationMethod = keyof typeof notifications;
export type ParamsOf<M extends RequestMethod> = z.input<(typeof requests)[M]['params']>;
export type ResultOf<M extends RequestMethod> = z.output<(typeof requests)[M]['result']>;
export type NotificationParamsOf<N extends NotificationMethod> = z.output<(typeof notifications)[N]['params']>;

export function isRequestMethod(method: string): method is RequestMethod {
  return Object.prototype.hasOwnProperty.call(requests, method);
}
