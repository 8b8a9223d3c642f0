import { z } from 'zod';
import { Id, Timestamp } from './common';
import { AttackOutcome } from './outcomes';

export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const FindingSeverity = z
  .enum(FINDING_SEVERITIES)
  .describe('How bad it is, worst first: critical, high, medium, low, info.');

const Title = z.string().trim().min(1).max(300);
const HarmCategory = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('What kind of harm, in your taxonomy (e.g. "violence", "privacy").');
const Description = z.string().max(20_000);

export const EvidenceRef = z
  .strictObject({
    execution_id: Id,
    attack_result_id: Id.optional(),
    conversation_id: Id.optional().describe('Instead of attack_result_id: the conversation the result judges.'),
  })
  .describe("One result of one of the caller's executions: by its attack_result_id or by its conversation.");

export const FindingCreateParams = z.strictObject({
  orchestrator_id: Id.describe('The orchestrator the finding is filed under (its campaign).'),
  title: Title,
  severity: FindingSeverity,
  harm_category: HarmCategory.optional(),
  description: Description.optional(),
  evidence: z.array(EvidenceRef).max(200).default([]),
});

export const FindingUpdateParams = z.strictObject({
  finding_id: Id,
  title: Title.optional(),
  severity: FindingSeverity.optional(),
  harm_category: HarmCategory.nullable().optional().describe('null clears it.'),
  description: Description.nullable().optional().describe('null clears it.'),
  add_evidence: z.array(EvidenceRef).max(200).optional(),
  remove_evidence: z
    .array(Id)
    .max(200)
    .optional()
    .describe('Evidence ids (FindingEvidence.id) to unlink; the results themselves stay.'),
});

export const FindingIdParams = z.strictObject({ finding_id: Id });

export const FindingListParams = z
  .strictObject({
    orchestrator_id: Id.optional(),
    execution_id: Id.optional().describe('Only findings with evidence from this execution.'),
    severity: z.array(FindingSeverity).min(1).max(5).optional(),
  })
  .optional();

export const FindingEvidence = z.strictObject({
  id: Id,
  execution_id: Id,
  attack_result_id: Id.nullable(),
  conversation_id: z.string(),
  outcome: AttackOutcome.nullable().describe("The result's stored outcome now (labels applied); null if it is gone."),
  added_at: Timestamp,
});

export const Finding = z.strictObject({
  finding_id: Id,
  orchestrator_id: Id,
  operation_id: Id.describe('OperationEntries.id: the campaign of the orchestrator.'),
  title: z.string(),
  severity: FindingSeverity,
  harm_category: z.string().nullable(),
  description: z.string().nullable(),
  operator: z.string().describe('Who filed it (user name).'),
  evidence: z.array(FindingEvidence),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const FindingList = z.strictObject({
  findings: z.array(Finding).describe('Worst severity first, then newest first.'),
});

export const FindingChangedNotification = z.strictObject({
  seq: z.number().int(),
  finding_id: Id,
  orchestrator_id: Id,
  change: z.enum(['created', 'updated', 'deleted']),
});
