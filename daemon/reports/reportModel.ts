import type { ResultOf } from '../../protocol/methods';
import { NotFoundError } from '../../domain/errors';
import { TEXT_LIMIT } from './reportText';
import type { RequestContext } from '../services';
import { resultsSummary } from '../handlers/results/summary';
import { resultsList } from '../handlers/results/list';
import { resultsConversation } from '../handlers/results/conversation';
import { findingsList } from '../handlers/findings/findings';

type Conversation = ResultOf<'results/conversation'>;
type Finding = ResultOf<'findings/list'>['findings'][number];

/** Evidence conversations shown per finding; the rest are listed by id (the report stays a file one can mail). */
export const EVIDENCE_CONVERSATIONS_SHOWN = 20;

/**
 * Characters of conversation text (each turn counted as clipped) that a report shows in all. With the successes'
 * texts (at most 100 × 3 × TEXT_LIMIT) and escaping's growth (a quote becomes 6 characters), the whole report
 * stays well inside the 64 MiB frame a client takes.
 */
export const REPORT_CONVERSATION_CHARS = 2_000_000;

export interface ReportEvidence {
  evidence: Finding['evidence'][number];
  /** null when the conversation is no longer in memory, or past EVIDENCE_CONVERSATIONS_SHOWN. */
  conversation: Conversation | null;
}

/** Everything a report shows, read through the handlers that answer the same questions over the protocol. */
export interface ReportModel {
  execution: ResultOf<'executions/get'>;
  orchestratorType: string | null;
  summary: ResultOf<'results/summary'>;
  /** The run's model calls by role (executions/get usage); an unknown figure is shown as such, never as 0. */
  cost: ResultOf<'executions/get'>['usage'];
  findings: { finding: Finding; evidence: ReportEvidence[] }[];
  topSuccesses: ResultOf<'results/list'>['items'];
  generatedAt: Date;
}

function shownChars(conversation: Conversation): number {
  return conversation.turns.reduce((sum, turn) => sum + Math.min(turn.converted_value.length, TEXT_LIMIT), 0);
}

async function evidenceOf(
  finding: Finding,
  budget: { chars: number },
  context: RequestContext,
): Promise<ReportEvidence[]> {
  const shown: ReportEvidence[] = [];
  for (const [index, evidence] of finding.evidence.entries()) {
    let conversation: Conversation | null = null;
    if (index < EVIDENCE_CONVERSATIONS_SHOWN && budget.chars > 0) {
      try {
        conversation = await resultsConversation(
          { execution_id: evidence.execution_id, conversation_id: evidence.conversation_id },
          context,
        );
      } catch (error) {
        // The run or its conversation is gone since it was cited: the report says so instead of failing.
        if (!(error instanceof NotFoundError)) throw error;
      }
      if (conversation !== null) {
        const chars = shownChars(conversation);
        if (chars > budget.chars) conversation = null;
        budget.chars -= chars;
      }
    }
    shown.push({ evidence, conversation });
  }
  return shown;
}

export async function gatherReport(
  executionId: string,
  topSuccesses: number,
  context: RequestContext,
): Promise<ReportModel> {
  const { session, services } = context;
  const execution = await services.executions.get(session, executionId);
  const store = await services.memory.storeFor(session.dbPath);
  const orchestrator = await store.getOrchestrator(execution.orchestrator_id);
  const summary = await resultsSummary({ execution_id: executionId }, context);
  const successes =
    topSuccesses === 0
      ? []
      : (
          await resultsList(
            { execution_id: executionId, limit: topSuccesses, outcome: ['success'], sort: 'prompt' },
            context,
          )
        ).items;
  const { findings } = await findingsList({ execution_id: executionId }, context);
  const withEvidence = [];
  const budget = { chars: REPORT_CONVERSATION_CHARS };
  for (const finding of findings) withEvidence.push({ finding, evidence: await evidenceOf(finding, budget, context) });
  return {
    execution,
    orchestratorType: orchestrator?.orchestrator_type ?? null,
    summary,
    cost: execution.usage,
    findings: withEvidence,
    topSuccesses: successes,
    generatedAt: new Date(),
  };
}
