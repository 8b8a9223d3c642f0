import type { HandlerMap } from '../server/dispatcher';
import { debugInfo, healthDatabase, healthGet, healthOrchestrators } from './health';
import { initialize, shutdown } from './session';
import { cacheClear } from './cache';
import {
  orchestratorsCreate,
  orchestratorsDelete,
  orchestratorsGet,
  orchestratorsList,
  orchestratorsUpdate,
  orchestratorTypesList,
} from './orchestrators';
import { executionsCancel, executionsGet, executionsList, executionsResume, executionsStart } from './executions';
import { resultsList } from './results/list';
import { resultsSummary } from './results/summary';
import { resultsObjectives } from './results/objectives';
import { resultsConversation } from './results/conversation';
import { resultsCompare } from './results/compare';
import { resultsExport } from './results/export';
import { resultsLabel, resultsUnlabel } from './results/label';
import { resultsTrend } from './results/trend';
import { resultsReport } from './results/report';
import { findingsCreate, findingsDelete, findingsList, findingsUpdate } from './findings/findings';
import { secretsAllowances, secretsAllowEnv } from './secrets';
import { scorersList } from './scorers';
import { memoryImportPyrit } from './interchange';
import { convertersList } from './converters';

export const handlers: HandlerMap = {
  initialize,
  'health/get': healthGet,
  'health/orchestrators': healthOrchestrators,
  'health/database': healthDatabase,
  'debug/info': debugInfo,
  'cache/clear': cacheClear,
  'orchestratorTypes/list': orchestratorTypesList,
  'scorers/list': scorersList,
  'converters/list': convertersList,
  'orchestrators/create': orchestratorsCreate,
  'orchestrators/list': orchestratorsList,
  'orchestrators/get': orchestratorsGet,
  'orchestrators/update': orchestratorsUpdate,
  'orchestrators/delete': orchestratorsDelete,
  'executions/start': executionsStart,
  'executions/get': executionsGet,
  'executions/list': executionsList,
  'executions/cancel': executionsCancel,
  'executions/resume': executionsResume,
  'results/list': resultsList,
  'results/summary': resultsSummary,
  'results/objectives': resultsObjectives,
  'results/conversation': resultsConversation,
  'results/compare': resultsCompare,
  'results/export': resultsExport,
  'results/label': resultsLabel,
  'results/unlabel': resultsUnlabel,
  'results/trend': resultsTrend,
  'results/report': resultsReport,
  'findings/create': findingsCreate,
  'findings/list': findingsList,
  'findings/update': findingsUpdate,
  'findings/delete': findingsDelete,
  'memory/importPyrit': memoryImportPyrit,
  'secrets/allowEnv': secretsAllowEnv,
  'secrets/allowances': secretsAllowances,
  'daemon/shutdown': shutdown,
};
