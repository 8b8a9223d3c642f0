import type { AttackOutcome } from '../../../domain/attackOutcome';
import type { Logger } from '../../log';
import type { MemoryStore } from '../../memory';
import { promptSendingParametersSchema } from '../../../config/promptSendingParameters';
import type { OrchestratorInstance } from '../instance';
import { PromptSendingInstance, type InstanceContext } from './promptSendingInstance';
import { RedTeamingInstance } from './redTeamingInstance';
import { runPromptSending, type PendingPrompt, type RunTally } from './runPromptSending';
import { runRedTeaming } from './runRedTeaming';
import { CrescendoInstance } from './crescendoInstance';
import { runCrescendo } from './runCrescendo';
import { TreeOfAttacksInstance } from './treeOfAttacksInstance';
import { runTreeOfAttacks } from './runTreeOfAttacks';
import { ScriptedAttackInstance } from './scriptedAttackInstance';
import { createFlip, createManyShot, createMultiPromptSending, createSkeletonKey } from './scriptedAttackTypes';
import { runScriptedAttack } from './runScriptedAttack';

export interface RunnerRun {
  executionId: string;
  orchestratorId: string;
  /** What is left to do: prompts for prompt_sending, objectives for red_teaming; `key` is the input index. */
  prompts: readonly PendingPrompt[];
  instance: OrchestratorInstance;
  store: MemoryStore;
  signal: AbortSignal;
  log: Logger;
  /** Called once per input item, after its attack result is committed, with the outcome stored. */
  onAnswered(outcome: AttackOutcome): void;
}

/**
 * What the execution service needs of an orchestrator type: build its instance and run it. Which input items are
 * done is the same for every type: those with a stored attack result (one per prompt or objective).
 */
export interface OrchestratorRunner {
  createInstance(parameters: unknown, context: InstanceContext): Promise<OrchestratorInstance>;
  run(run: RunnerRun): Promise<RunTally>;
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
};

const redTeaming: OrchestratorRunner = {
  createInstance: (parameters, context) => RedTeamingInstance.create(parameters, context),
  run: async ({ instance, ...run }) => {
    if (!(instance instanceof RedTeamingInstance)) throw wrongInstance('red_teaming');
    return runRedTeaming({ ...run, instance });
  },
};

const crescendo: OrchestratorRunner = {
  createInstance: (parameters, context) => CrescendoInstance.create(parameters, context),
  run: async ({ instance, ...run }) => {
    if (!(instance instanceof CrescendoInstance)) throw wrongInstance('crescendo');
    return runCrescendo({ ...run, instance });
  },
};

/** TAP and PAIR share one engine; the instance carries which of them it is. */
function treeOfAttacks(
  type: string,
  create: (parameters: unknown, context: InstanceContext) => Promise<TreeOfAttacksInstance>,
): OrchestratorRunner {
  return {
    createInstance: create,
    run: async ({ instance, ...run }) => {
      if (!(instance instanceof TreeOfAttacksInstance)) throw wrongInstance(type);
      return runTreeOfAttacks({ ...run, instance });
    },
  };
}

/** The scripted attacks (many_shot, skeleton_key, multi_prompt_sending, flip) share one runner. */
function scripted(
  type: string,
  create: (parameters: unknown, context: InstanceContext) => Promise<ScriptedAttackInstance>,
): OrchestratorRunner {
  return {
    createInstance: create,
    run: async ({ instance, ...run }) => {
      if (!(instance instanceof ScriptedAttackInstance)) throw wrongInstance(type);
      return runScriptedAttack({ ...run, instance });
    },
  };
}

const runners: Readonly<Record<string, OrchestratorRunner>> = {
  prompt_sending: promptSending,
  red_teaming: redTeaming,
  crescendo,
  tap: treeOfAttacks('tap', (parameters, context) => TreeOfAttacksInstance.createTap(parameters, context)),
  pair: treeOfAttacks('pair', (parameters, context) => TreeOfAttacksInstance.createPair(parameters, context)),
  many_shot: scripted('many_shot', createManyShot),
  skeleton_key: scripted('skeleton_key', createSkeletonKey),
  multi_prompt_sending: scripted('multi_prompt_sending', createMultiPromptSending),
  flip: scripted('flip', createFlip),
};

/** The runner of a stored orchestrator type; validation has already refused unknown types. */
export function runnerFor(orchestratorType: string): OrchestratorRunner {
  const runner = Object.hasOwn(runners, orchestratorType) ? runners[orchestratorType] : undefined;
  if (runner === undefined)
    throw new Error(`no engine runner for orchestrator type ${JSON.stringify(orchestratorType)}`);
  return runner;
}
