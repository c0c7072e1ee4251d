import { z } from 'zod';
import { localName } from '../localText.js';
import type { FlowStep } from './types.js';

/** A department by its code (the department tree's `code`): checked against the tree by the consistency checker. */
const departmentCode = z.string().trim().min(1, 'REQUIRED').max(40);

export const flowTaskSchema = z
  .object({
    department: departmentCode.nullable().default(null),
    role: z.literal('approver', 'BAD_OPTION').default('approver'),
    name: localName,
    mode: z.enum(['single', 'countersign'], 'BAD_OPTION').default('single'),
    count: z.number().int().max(20).optional(),
  })
  .strict();

export const flowStepSchema = z.union([
  z.object({ task: flowTaskSchema }).strict(),
  z.object({ parallel: z.object({ name: localName, tasks: z.array(flowTaskSchema).max(10) }).strict() }).strict(),
]);

/**
 * An approval flow (审批流程): ordered steps, each one task or a parallel group. Its structural rules
 * (no empty group, 会签 of at least two, a department once per group) are the consistency
 * checker's (`flowProblems`), so they land on their fields with the other catalogue problems.
 */
export const flowSchema = z.array(flowStepSchema).max(20);

// The schema's output is the stored type.
const _check: FlowStep[] = [] as z.output<typeof flowSchema>;
void _check;
