import { z } from 'zod';

export const enrollmentView = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    tierId: z.uuid().nullable(),
    tierName: z.string().nullable(),
    status: z.literal('active'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Enrollment' });
export type EnrollmentView = z.infer<typeof enrollmentView>;

export const enrollBody = z.object({ partnerId: z.uuid(), tierId: z.uuid().nullable().default(null) }).strict();
export type EnrollInput = z.input<typeof enrollBody>;

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
