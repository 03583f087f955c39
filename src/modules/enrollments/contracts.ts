import { z } from 'zod';
import { ENROLLMENT_STATUSES } from './rules/lifecycle.js';

const day = z.iso.date();

export const enrollmentView = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    tierId: z.uuid().nullable(),
    tierName: z.string().nullable(),
    status: z.enum(ENROLLMENT_STATUSES),
    camUserId: z.uuid().nullable(),
    camName: z.string().nullable(),
    startDate: day.nullable(),
    renewalDate: day.nullable(),
    submittedAt: z.iso.datetime().nullable(),
    approvedAt: z.iso.datetime().nullable(),
    activatedAt: z.iso.datetime().nullable(),
    firstDealAt: z.iso.datetime().nullable(),
    /** Days from approval to the first registered deal, once there is one. */
    daysToFirstDeal: z.number().int().nullable(),
    /** The program's current agreement version, and whether this enrollment accepted it. */
    agreement: z
      .object({
        id: z.uuid(),
        version: z.number().int(),
        title: z.string(),
        accepted: z.boolean(),
        acceptBy: z.iso.datetime().nullable(),
      })
      .nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Enrollment' });
export type EnrollmentView = z.infer<typeof enrollmentView>;

const reason = z.string().trim().max(1000);

export const enrollBody = z
  .object({
    partnerId: z.uuid(),
    tierId: z.uuid().nullable().default(null),
    camUserId: z.uuid().nullable().default(null),
    startDate: day.nullable().default(null),
    renewalDate: day.nullable().default(null),
    reason: reason.default(''),
  })
  .strict();
export type EnrollInput = z.input<typeof enrollBody>;

export const applyBody = z.object({ programId: z.uuid(), submit: z.boolean().default(true) }).strict();
export type ApplyInput = z.input<typeof applyBody>;

export const moveBody = z.object({ status: z.enum(ENROLLMENT_STATUSES), reason: reason.default('') }).strict();
export type MoveInput = z.input<typeof moveBody>;

export const updateEnrollmentBody = z
  .object({ camUserId: z.uuid().nullable(), startDate: day.nullable(), renewalDate: day.nullable() })
  .partial()
  .strict();
export type UpdateEnrollmentInput = z.input<typeof updateEnrollmentBody>;

export const listEnrollmentsQuery = z
  .object({
    partnerId: z.uuid().optional(),
    programId: z.uuid().optional(),
    status: z.enum(ENROLLMENT_STATUSES).optional(),
    camUserId: z.uuid().optional(),
  })
  .strict();
export type ListEnrollmentsQuery = z.infer<typeof listEnrollmentsQuery>;

export const changeTierBody = z
  .object({ tierId: z.uuid().nullable(), reason: z.string().trim().min(1, 'say why the tier changes').max(1000) })
  .strict();
export type ChangeTierInput = z.input<typeof changeTierBody>;

export const tierChangeView = z
  .object({
    id: z.uuid(),
    fromTier: z.string().nullable(),
    toTier: z.string().nullable(),
    reason: z.string(),
    actor: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'TierChange' });
export type TierChangeView = z.infer<typeof tierChangeView>;

export const enrollmentEventView = z
  .object({
    id: z.uuid(),
    kind: z.enum(['status', 'tier']),
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string(),
    actor: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'EnrollmentEvent' });
export type EnrollmentEventView = z.infer<typeof enrollmentEventView>;
