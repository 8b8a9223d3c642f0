import { z } from 'zod';

/** The daemon stamps these on every stored piece (DESIGN: labels carry {orchestrator_id, execution_id, ...}). */
const reservedLabels = ['orchestrator_id', 'execution_id'] as const;

export const memoryLabelsSchema = z
  .record(z.string().min(1).max(100), z.string().max(1000))
  .superRefine((labels, context) => {
    for (const name of reservedLabels) {
      if (Object.hasOwn(labels, name)) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" is set by the daemon on every stored prompt and response; choose another label name.`,
        });
      }
    }
  })
  .describe(
    'Labels stored with every prompt and response of a run (PyRIT memory_labels), e.g. {"op_name": "base64 sweep"}, ' +
      'for filtering results later. String values only; the daemon adds orchestrator_id and execution_id itself.',
  );
