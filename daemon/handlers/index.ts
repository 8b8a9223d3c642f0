import type { HandlerMap } from '../server/dispatcher';
import { debugInfo, healthDatabase, healthGet, healthOrchestrators } from './health';
import { initialize, shutdown } from './session';
import { cacheClear } from './cache';

export const handlers: HandlerMap = {
  initialize,
  'health/get': healthGet,
  'health/orchestrators': healthOrchestrators,
  'health/database': healthDatabase,
  'debug/info': debugInfo,
  'cache/clear': cacheClear,
  'daemon/shutdown': shutdown,
};
