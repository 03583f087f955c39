import { z } from 'zod';
import { ENROLLMENT_STATUSES } from '../enrollments/rules/lifecycle.js';

/** The most Markdown one version may hold, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 200 * 1024;

const title = z.string().trim().min(1).max(200);
const body = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_BODY_BYTES, `must be at most ${MAX_BODY_BYTES / 1024} KB`);
const acceptWithinDays = z.number().int().min(1).max(365);
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a hex SHA-256');
const datetime = z.iso.datetime();

export const agreementSummaryView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    version: z.number().int(),
    title: z.string(),
    status: z.enum(['draft', 'published']),
    /** The newest published version: the one partners accept now. */
    current: z.boolean(),
    /** Hex SHA-256 of the UTF-8 body, fixed at publication (null for a draft). */
    sha256: z.string().nullable(),
    acceptWithinDays: z.number().int(),
    publishedAt: datetime.nullable(),
    /** Partners already in the program accept this version by then. */
    reacceptBy: datetime.nullable(),
    acceptanceCount: z.number().int(),
    /** For the current version: enrollments (approved, active, suspended) that have not accepted it yet. */
    awaitingCount: z.number().int().nullable(),
    createdAt: datetime,
    updatedAt: datetime,
  })
  .meta({ id: 'AgreementSummary' });
export type AgreementSummaryView = z.infer<typeof agreementSummaryView>;

export const agreementView = agreementSummaryView
  .extend({ body: z.string().describe('Markdown') })
  .meta({ id: 'Agreement' });
export type AgreementView = z.infer<typeof agreementView>;

export const createAgreementBody = z.object({ title, body, acceptWithinDays: acceptWithinDays.default(30) }).strict();
export type CreateAgreementInput = z.input<typeof createAgreementBody>;

export const updateAgreementBody = z
  .object({ title: title.optional(), body: body.optional(), acceptWithinDays: acceptWithinDays.optional() })
  .strict();
export type UpdateAgreementInput = z.input<typeof updateAgreementBody>;

export const acceptanceView = z
  .object({
    id: z.uuid(),
    agreementId: z.uuid(),
    version: z.number().int(),
    title: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    enrollmentId: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    userId: z.uuid(),
    userName: z.string(),
    userEmail: z.string(),
    ipAddress: z.string(),
    userAgent: z.string(),
    /** Hex SHA-256 of the exact text accepted. */
    sha256: z.string(),
    acceptedAt: datetime,
    /** The public page where anyone can check this acceptance. */
    verifyUrl: z.string(),
  })
  .meta({ id: 'AgreementAcceptance' });
export type AcceptanceView = z.infer<typeof acceptanceView>;

export const acceptBody = z.object({ agreementId: z.uuid(), sha256 }).strict();
export type AcceptInput = z.input<typeof acceptBody>;

export const enrollmentAgreementView = z
  .object({
    enrollmentId: z.uuid(),
    enrollmentStatus: z.enum(ENROLLMENT_STATUSES),
    programId: z.uuid(),
    programName: z.string(),
    /** The current version with its text, or null when the program has none. */
    agreement: z
      .object({
        id: z.uuid(),
        version: z.number().int(),
        title: z.string(),
        body: z.string().describe('Markdown'),
        sha256: z.string(),
        publishedAt: datetime,
      })
      .nullable(),
    accepted: z.boolean(),
    /** The acceptance of the current version, once there is one. */
    acceptance: acceptanceView.nullable(),
    /** For a partner already in the program: the deadline to accept the current version. */
    acceptBy: datetime.nullable(),
    /** Whether the caller may accept it now. */
    mayAccept: z.boolean(),
    /** The partner admins, who may accept for the company. */
    admins: z.array(z.object({ name: z.string() })),
  })
  .meta({ id: 'EnrollmentAgreement' });
export type EnrollmentAgreementView = z.infer<typeof enrollmentAgreementView>;

export const acceptanceVerification = z
  .object({
    id: z.uuid(),
    programName: z.string(),
    agreementTitle: z.string(),
    agreementVersion: z.number().int(),
    publishedAt: datetime,
    partnerName: z.string(),
    userName: z.string(),
    acceptedAt: datetime,
    sha256: z.string(),
    /** Whether the hash accepted is still the hash of the stored published text. */
    textMatches: z.boolean(),
  })
  .meta({ id: 'AcceptanceVerification' });
export type AcceptanceVerification = z.infer<typeof acceptanceVerification>;
