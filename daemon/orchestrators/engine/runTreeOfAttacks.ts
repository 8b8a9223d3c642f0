import {
  failedAttackOutcome,
  unjudgedAttackOutcome,
  type AttackOutcome,
  type OutcomeDecision,
} from '../../../domain/attackOutcome';
import type { JsonValue } from '../../../domain/json';
import { buildAttackResult, type PromptPiece, type ScoreInput } from '../../memory';
import { seededRandom, type Random } from '../converters/seededRandom';
import { attackIdentifier, type ObjectiveScope } from './attackContexts';
import { runObjectives, type AttackRun } from './objectiveWorkers';
import type { PendingPrompt, RunTally } from './runPromptSending';
import { TreeBranch, type BranchSetting, type BranchStep, type JudgedVerdict } from './treeBranch';
import type { TreeOfAttacksInstance } from './treeOfAttacksInstance';

export type TreeOfAttacksRun = AttackRun<TreeOfAttacksInstance>;

type PruneReason = 'off_topic' | 'score' | 'error';

interface PrunedBranch {
  branch: TreeBranch;
  reason: PruneReason;
  level: number;
}

/** The best answer so far: the one the attack result rests on when nothing succeeds. */
interface BestAnswer {
  branch: TreeBranch;
  verdict: JudgedVerdict;
}

/**
 * Each objective gets its own generator, derived from the seed and the objective's index, so ties break the same
 * way whatever order parallel objectives (batch_size) happen to finish in.
 */
function objectiveRandom(seed: number | undefined, key: string): Random {
  return seededRandom(seed === undefined ? undefined : (seed + Math.imul(Number(key) + 1, 0x9e3779b1)) >>> 0);
}

/**
 * One objective, PyRIT TreeOfAttacksWithPruningAttack style (and PAIR's, a tree of streams that never branch or
 * prune by score). Level by level, every live branch takes one step, one branch after another in a fixed order,
 * so a run is reproducible and stops the moment one branch succeeds (PyRIT finishes the level first). After a
 * level, branches pruned off-topic or failed drop out, and TAP keeps the tree_width best scores (ties broken by
 * the seed); the survivors branch for the next level. Every step is committed as it ends; the objective's one
 * attack result names the deciding conversation and lists every other as pruned.
 */
class TreeObjective {
  private readonly startedAt = performance.now();
  private readonly setting: BranchSetting;
  private readonly random: Random;
  private readonly branches: TreeBranch[] = [];
  private readonly pruned: PrunedBranch[] = [];
  private readonly errors: string[] = [];
  private best: BestAnswer | undefined;
  private explored = 0;
  private level = 0;

  constructor(
    private readonly run: TreeOfAttacksRun,
    private readonly objective: PendingPrompt,
    tally: RunTally,
  ) {
    const scope: ObjectiveScope = {
      executionId: run.executionId,
      orchestratorId: run.orchestratorId,
      objective,
      attack: run.instance.attack,
      memoryLabels: run.instance.memoryLabels,
    };
    this.setting = { run, scope, tally };
    this.random = objectiveRandom(run.instance.seed, objective.key);
  }

  async attack(): Promise<AttackOutcome> {
    const { shape } = this.run.instance;
    let live: TreeBranch[] = [];
    for (this.level = 1; this.level <= shape.depth; this.level += 1) {
      live =
        this.level === 1
          ? Array.from({ length: shape.firstLevel }, () => this.newBranch(undefined))
          : live.flatMap((branch) => [
              branch,
              ...Array.from({ length: shape.branchingFactor - 1 }, () => this.newBranch(branch)),
            ]);
      const scored: BestAnswer[] = [];
      for (const branch of live) {
        this.run.signal.throwIfAborted();
        const step = await branch.step();
        this.explored += 1;
        if (step.kind === 'success') {
          this.best = { branch, verdict: step.verdict };
          return this.end(step, step.verdict.decision);
        }
        if (step.kind === 'scored') {
          scored.push({ branch, verdict: step.verdict });
          if (this.best === undefined || step.verdict.closeness > this.best.verdict.closeness)
            this.best = { branch, verdict: step.verdict };
        } else {
          this.pruned.push({ branch, reason: step.kind, level: this.level });
          if (step.kind === 'error') this.errors.push(step.reason);
        }
        await this.commit(step.pieces, step.scores);
      }
      live = this.keepBest(scored);
      if (live.length === 0) break;
    }
    this.level = Math.min(this.level, shape.depth);
    return this.end(undefined, this.endWithoutSuccess());
  }

  private newBranch(parent: TreeBranch | undefined): TreeBranch {
    const index = this.branches.length;
    const branch = parent === undefined ? TreeBranch.root(this.setting, index) : parent.fork(index);
    this.branches.push(branch);
    return branch;
  }

  /** TAP's score-based pruning: the tree_width best survive, ties in the seed's order; PAIR keeps every stream. */
  private keepBest(scored: BestAnswer[]): TreeBranch[] {
    const kept = this.run.instance.shape.keptPerLevel;
    if (kept === undefined || scored.length <= kept) return scored.map(({ branch }) => branch);
    const ranked = scored
      .map((answer) => ({ answer, tie: this.random() }))
      .sort((a, b) => b.answer.verdict.closeness - a.answer.verdict.closeness || a.tie - b.tie);
    for (const { answer } of ranked.slice(kept))
      this.pruned.push({ branch: answer.branch, reason: 'score', level: this.level });
    return ranked
      .slice(0, kept)
      .map(({ answer }) => answer.branch)
      .sort((a, b) => a.index - b.index);
  }

  private endWithoutSuccess(): OutcomeDecision {
    if (this.best !== undefined) return this.best.verdict.decision;
    if (this.errors.length > 0)
      return failedAttackOutcome(`Every branch failed before an answer was judged; the first: ${this.errors[0]}`);
    return unjudgedAttackOutcome(
      'Every branch was pruned off-topic before the target was asked, so nothing was judged.',
    );
  }

  private async end(step: BranchStep | undefined, decision: OutcomeDecision): Promise<AttackOutcome> {
    const { run, objective } = this;
    const deciding = this.best?.branch ?? this.branches[0];
    const others = this.branches.filter((branch) => branch !== deciding && branch.stepped);
    const prunedBranches: JsonValue[] = this.pruned.map(({ branch, reason, level }) => ({
      conversation_id: branch.target.conversationId,
      adversarial_chat_conversation_id: branch.attacker.conversationId,
      reason,
      level,
    }));
    const attackResult = buildAttackResult({
      executionId: run.executionId,
      promptIndex: Number(objective.key),
      conversationId: deciding.target.conversationId,
      objective: objective.value,
      attack: attackIdentifier(this.setting.scope),
      lastResponseId: this.best?.verdict.responseId ?? null,
      decision,
      executedTurns: this.level,
      executionTimeMs: performance.now() - this.startedAt,
      labelsJson: JSON.stringify({
        ...run.instance.memoryLabels,
        orchestrator_id: run.orchestratorId,
        execution_id: run.executionId,
        objective_index: objective.key,
      }),
      // The deciding branch's attacker first: results/objectives shows the first as the objective's attacker.
      adversarialConversationIds: [deciding, ...others].map((branch) => branch.attacker.conversationId),
      prunedConversationIds: others
        .filter((branch) => branch.targetStored)
        .map((branch) => branch.target.conversationId),
      // PyRIT's TAPAttackResult keys (nodes_explored, nodes_pruned, max_depth_reached), and which branch went why.
      metadata: {
        nodes_explored: this.explored,
        nodes_pruned: this.pruned.length,
        max_depth_reached: this.level,
        pruned_branches: prunedBranches,
        ...shapeMetadata(run.instance),
      },
    });
    await run.store.addExchange({
      pieces: step?.pieces ?? [],
      scores: step?.scores ?? [],
      attackResult,
      supersedes: objective.supersedes,
    });
    return decision.outcome;
  }

  private async commit(pieces: PromptPiece[], scores: ScoreInput[]): Promise<void> {
    await this.run.store.addExchange({ pieces, scores });
  }
}

function shapeMetadata(instance: TreeOfAttacksInstance): Record<string, JsonValue> {
  const { shape } = instance;
  return shape.keptPerLevel === undefined
    ? { n_streams: shape.firstLevel, depth: shape.depth }
    : {
        tree_width: shape.firstLevel,
        tree_depth: shape.depth,
        branching_factor: shape.branchingFactor,
        on_topic_checking_enabled: instance.onTopicScorer !== undefined,
        seed: instance.seed ?? null,
      };
}

/** Runs every objective of a tap or pair execution, `batch_size` at a time. */
export async function runTreeOfAttacks(run: TreeOfAttacksRun): Promise<RunTally> {
  return runObjectives(run, run.instance.batchSize, (objective, tally) =>
    new TreeObjective(run, objective, tally).attack(),
  );
}
