import type { StoredFinding } from '../../memory/findingStore';
import type { ResultOf } from '../../../protocol/methods';

export type FindingView = ResultOf<'findings/create'>;

export function toFindingView(finding: StoredFinding): FindingView {
  return {
    finding_id: finding.id,
    orchestrator_id: finding.orchestrator_id,
    operation_id: finding.operation_id,
    title: finding.title,
    severity: finding.severity,
    harm_category: finding.harm_category,
    description: finding.description,
    operator: finding.operator,
    evidence: finding.evidence.map((item) => ({
      id: item.id,
      execution_id: item.execution_id,
      attack_result_id: item.attack_result_id,
      conversation_id: item.conversation_id,
      outcome: item.outcome,
      added_at: item.added_at,
    })),
    created_at: finding.created_at,
    updated_at: finding.updated_at,
  };
}
