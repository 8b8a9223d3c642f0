import { type z } from 'zod';
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
import {
  Deleted,
  Orchestrator,
  OrchestratorChangedNotification,
  OrchestratorCreateParams,
  OrchestratorIdParams,
  OrchestratorList,
  OrchestratorTypeList,
  OrchestratorUpdateParams,
} from './schemas/orchestrators';
import {
  Execution,
  ExecutionChangedNotification,
  ExecutionIdParams,
  ExecutionList,
  ExecutionListParams,
  ExecutionProgressNotification,
  ExecutionResumeParams,
  ExecutionStarted,
  ExecutionStartParams,
} from './schemas/executions';
import {
  ResultsCompare,
  ResultsCompareParams,
  ResultsConversation,
  ResultsConversationParams,
  ResultsExported,
  ResultsExportParams,
  ResultsLabelled,
  ResultsLabelParams,
  ResultsListParams,
  ResultsObjectives,
  ResultsPage,
  ResultsSummary,
  ResultsUnlabelParams,
} from './schemas/results';
import { EnvAllowances, SecretsAllowEnvParams } from './schemas/secrets';
import { ScorerTypeList } from './schemas/scorers';
import {
  Finding,
  FindingChangedNotification,
  FindingCreateParams,
  FindingIdParams,
  FindingList,
  FindingListParams,
  FindingUpdateParams,
} from './schemas/findings';
import { ResultsReport, ResultsReportParams, ResultsTrend, ResultsTrendParams } from './schemas/reports';
import { MemoryImportedPyrit, MemoryImportProgressNotification, MemoryImportPyritParams } from './schemas/interchange';
import { ConverterList } from './schemas/converters';

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
    summary: "Orchestrator pool statistics (the seed's shape plus leases, hits and evictions).",
    params: NoParams,
    result: OrchestratorsHealth,
  },
  'health/database': {
    summary: "The calling user's database file and connections (the seed's shape plus state and WAL size).",
    params: NoParams,
    result: DatabaseHealth,
  },
  'debug/info': {
    summary: 'Who the daemon thinks you are and where your memory lives.',
    params: NoParams,
    result: DebugInfo,
  },
  'cache/clear': {
    summary: "Checkpoint and close the caller's idle database and dispose their idle pool instances.",
    params: NoParams,
    result: CacheClearResult,
  },
  'orchestratorTypes/list': {
    summary: 'The orchestrator types this daemon runs, with the JSON Schema of their parameters.',
    params: NoParams,
    result: OrchestratorTypeList,
  },
  'scorers/list': {
    summary:
      'The scorer types a config can use: PyRIT class, score type, polarity, whether it needs a judge model, and the JSON Schema of its spec.',
    params: NoParams,
    result: ScorerTypeList,
  },
  'converters/list': {
    summary:
      'Every prompt converter: type, PyRIT class, description, JSON Schema of its spec, whether it needs a model, whether it takes a seed.',
    params: NoParams,
    result: ConverterList,
  },
  'orchestrators/create': {
    summary: 'Save an orchestrator configuration (validated; InvalidConfig names the bad field).',
    params: OrchestratorCreateParams,
    result: Orchestrator,
  },
  'orchestrators/list': {
    summary: "The caller's orchestrators, each with its latest execution.",
    params: NoParams,
    result: OrchestratorList,
  },
  'orchestrators/get': {
    summary: "One of the caller's orchestrators.",
    params: OrchestratorIdParams,
    result: Orchestrator,
  },
  'orchestrators/update': {
    summary: 'Change name, description, tags or parameters (validated again).',
    params: OrchestratorUpdateParams,
    result: Orchestrator,
  },
  'orchestrators/delete': {
    summary:
      'Delete an orchestrator configuration (Conflict while it runs). Its stored prompts and scores stay in memory.',
    params: OrchestratorIdParams,
    result: Deleted,
  },
  'executions/start': {
    summary: 'Start a run in the background; answers at once. Progress comes as executions/progress.',
    params: ExecutionStartParams,
    result: ExecutionStarted,
  },
  'executions/get': {
    summary: 'Status, progress and (once ended) the summary of one execution.',
    params: ExecutionIdParams,
    result: Execution,
  },
  'executions/list': {
    summary: "The caller's executions, newest first.",
    params: ExecutionListParams,
    result: ExecutionList,
  },
  'executions/cancel': {
    summary: 'Stop sending new prompts; in-flight ones are aborted. The execution ends as cancelled.',
    params: ExecutionIdParams,
    result: Execution,
  },
  'executions/resume': {
    summary:
      'Continue an execution that stopped: only prompts (or objectives) with no stored result are sent, and with retry_errors those whose outcome is error.',
    params: ExecutionResumeParams,
    result: ExecutionStarted,
  },
  'results/list': {
    summary:
      "A page of an execution's attack results: prompt, converted prompt, response, scores, outcome and label; filtered and sorted.",
    params: ResultsListParams,
    result: ResultsPage,
  },
  'results/summary': {
    summary: 'Outcome counts and rates of the whole run, by converter chain, and what each scorer flagged.',
    params: ExecutionIdParams,
    result: ResultsSummary,
  },
  'results/objectives': {
    summary:
      'Per-objective outcomes of a red_teaming execution: outcome, turns, final score, target and attacker conversations.',
    params: ExecutionIdParams,
    result: ResultsObjectives,
  },
  'results/conversation': {
    summary:
      'One conversation of an execution as a thread: every turn in order, backtracked ones flagged, with its scores.',
    params: ResultsConversationParams,
    result: ResultsConversation,
  },
  'results/compare': {
    summary:
      'Two executions prompt by prompt: newly jailbroken, newly held, unchanged; attack-success-rate deltas by converter and scorer.',
    params: ResultsCompareParams,
    result: ResultsCompare,
  },
  'results/export': {
    summary:
      "Write an execution's results (one row per attack result) to a CSV, JSONL or Parquet file the caller names, or executions to a PyRIT SQLite memory (pyrit-sqlite) that PyRIT's own releases open.",
    params: ResultsExportParams,
    result: ResultsExported,
  },
  'results/label': {
    summary:
      "Store a reviewer's verdict on one result (jailbroken or held, with a note); it wins over the automated outcome everywhere.",
    params: ResultsLabelParams,
    result: ResultsLabelled,
  },
  'results/unlabel': {
    summary: "Take a reviewer's verdict back: the automated outcome applies again.",
    params: ResultsUnlabelParams,
    result: ResultsLabelled,
  },
  'results/trend': {
    summary:
      "An orchestrator's executions over time, oldest first: each run's attack success rate, error rate and cost (the figures executions/get gives).",
    params: ResultsTrendParams,
    result: ResultsTrend,
  },
  'results/report': {
    summary:
      'One self-contained report of an execution (HTML or Markdown): figures, outcomes, by converter and scorer, cost, findings with their evidence, the top successful attacks.',
    params: ResultsReportParams,
    result: ResultsReport,
  },
  'findings/create': {
    summary:
      'File a finding under an orchestrator: title, severity, harm category, description and evidence (results of your executions).',
    params: FindingCreateParams,
    result: Finding,
  },
  'findings/list': {
    summary: "The caller's findings, worst severity first; by orchestrator, execution or severity.",
    params: FindingListParams,
    result: FindingList,
  },
  'findings/update': {
    summary: 'Change a finding, link more evidence or unlink some.',
    params: FindingUpdateParams,
    result: Finding,
  },
  'findings/delete': {
    summary: 'Delete a finding and its evidence links (the results they point at stay).',
    params: FindingIdParams,
    result: Deleted,
  },
  'memory/importPyrit': {
    summary:
      "Import a PyRIT memory (SQLite at alembic revision ab8f2c1a9d07 or PyRIT's head, or a 0.9 DuckDB file) into the caller's memory: one execution per attack and operation, whole or not at all; progress as memory/importProgress.",
    params: MemoryImportPyritParams,
    result: MemoryImportedPyrit,
  },
  'secrets/allowEnv': {
    summary:
      'Allow an environment variable named by api_key_env to be sent to one host that is not this machine, for the caller (kept across restarts).',
    params: SecretsAllowEnvParams,
    result: EnvAllowances,
  },
  'secrets/allowances': {
    summary: 'The (variable, host) pairs the caller has allowed.',
    params: NoParams,
    result: EnvAllowances,
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
  'orchestrators/changed': {
    summary: 'An orchestrator of this user was created, updated or deleted.',
    params: OrchestratorChangedNotification,
  },
  'executions/changed': {
    summary: 'An execution of this user changed status (started, completed, cancelled, …).',
    params: ExecutionChangedNotification,
  },
  'executions/progress': {
    summary: 'Progress of a running execution; throttled to a few per second.',
    params: ExecutionProgressNotification,
  },
  'findings/changed': {
    summary:
      'A finding of this user was created, updated or deleted (the tree lists findings under their orchestrator).',
    params: FindingChangedNotification,
  },
  'memory/importProgress': {
    summary:
      'Progress of a memory/importPyrit request, sent to the connection that made it: each page read, then the write.',
    params: MemoryImportProgressNotification,
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
