import type { Logger } from '../../log';
import type { MemoryStore } from '../../memory';
import { promptSendingParametersSchema } from '../../../config/promptSendingParameters';
import type { OrchestratorInstance } from '../instance';
import { PromptSendingInstance, type InstanceContext } from './promptSendingInstance';
import { RedTeamingInstance } from './redTeamingInstance';
import { runPromptSending, type PendingPrompt, type RunTally } from './runPromptSending';
import { runRedTeaming } from './runRedTeaming';

export interface RunnerRun {
  executionId: string;
  orchestratorId: string;
  /** What is left to do: prompts for prompt_sending, objectives for red_teaming; `key` is the input index. */
  prompts: readonly PendingPrompt[];
  instance: OrchestratorInstance;
  store: MemoryStore;
  signal: AbortSignal;
  log: Logger;
  onAnswered(failed: boolean): void;
}

/**
 * What the execution service needs of an orchestrator type: build its instance, run it, and, for resume and
 * progress, tell which input items are done. Progress always counts input items (prompts or objectives).
 */
export interface OrchestratorRunner {
  createInstance(parameters: unknown, context: InstanceContext): Promise<OrchestratorInstance>;
  run(run: RunnerRun): Promise<RunTally>;
  /** Input keys that a resumed run skips. */
  doneKeys(store: MemoryStore, executionId: string): Promise<Set<string>>;
  /** Items done so far and how many of them failed (prompt_sending: errored; red_teaming: not achieved). */
  countDone(store: MemoryStore, executionId: string): Promise<{ completed: number; failed: number }>;
}

function wrongInstance(type: string): Error {
  return new Error(`the pool handed a ${type} run an instance of another orchestrator type`);
}

const promptSending: OrchestratorRunner = {
  createInstance: async (parameters, context) =>
    new PromptSendingInstance(promptSendingParametersSchema.parse(parameters), context),
  run: async ({ instance, ...run }) => {
    if (!(instance instanceof PromptSendingInstance)) throw wrongInstance('prompt_sending');
    return runPromptSending({ ...run, instance });
  },
  doneKeys: (store, executionId) => store.answeredPromptKeys(executionId),
  countDone: async (store, executionId) => {
    const summary = await store.summarize(executionId);
    return { completed: summary.total.responses, failed: summary.total.errors };
  },
};

const redTeaming: OrchestratorRunner = {
  createInstance: (parameters, context) => RedTeamingInstance.create(parameters, context),
  run: async ({ instance, ...run }) => {
    if (!(instance instanceof RedTeamingInstance)) throw wrongInstance('red_teaming');
    return runRedTeaming({ ...run, instance });
  },
  // An objective is done once it has a final marker; one stopped midway starts again in a new conversation.
  doneKeys: async (store, executionId) =>
    new Set((await store.objectiveOutcomes(executionId)).map((outcome) => String(outcome.objective_index))),
  countDone: async (store, executionId) => {
    const outcomes = await store.objectiveOutcomes(executionId);
    return { completed: outcomes.length, failed: outcomes.filter((outcome) => outcome.status !== 'success').length };
  },
};

const runners: Readonly<Record<string, OrchestratorRunner>> = {
  prompt_sending: promptSending,
  red_teaming: redTeaming,
};

/** The runner of a stored orchestrator type; validation has already refused unknown types. */
export function runnerFor(orchestratorType: string): OrchestratorRunner {
  const runner = Object.hasOwn(runners, orchestratorType) ? runners[orchestratorType] : undefined;
  if (runner === undefined)
    throw new Error(`no engine runner for orchestrator type ${JSON.stringify(orchestratorType)}`);
  return runner;
}
