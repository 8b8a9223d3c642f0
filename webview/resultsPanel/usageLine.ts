import { budgetText, usageText } from '../../domain/usageText';
import type { Execution } from '../shared/resultsPanelMessages';

const ROLE_NAMES: Readonly<Record<string, string>> = {
  objective_target: 'target',
  adversarial_chat: 'attacker',
  scorer: 'scorers',
  converter: 'converters',
};

/**
 * "Model calls: 8 calls · 154 tokens (130 in, 24 out) · $0.0440 — target 4 · attacker 4 · budget max_requests 10":
 * the run's usage as `executions/get` reports it, in the words the CLI and the tree use (domain/usageText.ts).
 */
export function usageLine(execution: Pick<Execution, 'usage' | 'budget'>): string {
  const { usage, budget } = execution;
  const roles = Object.entries(usage.by_role)
    .filter(([, totals]) => totals !== undefined && totals.requests > 0)
    .map(([role, totals]) => `${ROLE_NAMES[role] ?? role} ${totals?.requests ?? 0}`);
  const limits = budget === null ? '' : budgetText(budget);
  return [
    `Model calls: ${usageText(usage)}`,
    ...(roles.length > 0 ? [`— ${roles.join(' · ')}`] : []),
    ...(limits === '' ? [] : [`· budget ${limits}`]),
  ].join(' ');
}
