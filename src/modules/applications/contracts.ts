import { z } from 'zod';
import { boolFlag } from '../../platform/http/fields.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { COMPANY_SIZES, isCountry, PARTNER_TYPES, REGIONS } from '../partners/rules/profile.js';
import { APPLICATION_STATUSES } from './schema.js';
import { companyDomain } from './rules/duplicates.js';
import { eligibilityRuleSchema, MAX_RULES, RULE_KINDS } from './rules/eligibility.js';

const passScore = z.number().int('must be a whole number').min(0).max(100);

export const applicationFormBody = z
  .object({
    published: z.boolean().default(false),
    intro: z.string().trim().max(5000).default(''),
    rules: z.array(eligibilityRuleSchema).max(MAX_RULES).default([]),
    passScore: passScore.default(60),
  })
  .strict();
export type ApplicationFormInput = z.input<typeof applicationFormBody>;

const ruleView = z
  .object({
    kind: z.enum(RULE_KINDS),
    countries: z.array(z.string()).optional(),
    regions: z.array(z.string()).optional(),
    partnerTypes: z.array(z.string()).optional(),
    industries: z.array(z.string()).optional(),
    companySize: z.string().optional(),
    weight: z.number().int(),
    required: z.boolean(),
    /** The rule in words, as the public form shows it. */
    description: z.string(),
  })
  .meta({ id: 'EligibilityRule' });

export const applicationFormView = z
  .object({
    programId: z.uuid(),
    programKey: z.string(),
    programName: z.string(),
    programStatus: z.string(),
    published: z.boolean(),
    /** Published and the program active: the public form takes applications now. */
    live: z.boolean(),
    intro: z.string(),
    rules: z.array(ruleView),
    passScore: z.number().int(),
    /** The public page's path, under the public address of this Trellis. */
    publicPath: z.string(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApplicationForm' });
export type ApplicationFormView = z.infer<typeof applicationFormView>;

const choice = z.object({ value: z.string(), label: z.string() });

export const publicApplicationForm = z
  .object({
    programKey: z.string(),
    programName: z.string(),
    description: z.string(),
    intro: z.string(),
    /** What the program looks for, in words; `required` ones must hold. */
    requirements: z.array(z.object({ text: z.string(), required: z.boolean() })),
    vocabularies: z.object({
      regions: z.array(choice),
      partnerTypes: z.array(choice),
      companySizes: z.array(choice),
    }),
  })
  .meta({ id: 'PublicApplicationForm' });
export type PublicApplicationFormView = z.infer<typeof publicApplicationForm>;

const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((v) => [...new Set(v as z.output<T>[])]);

/** The honeypot: a field people never see; whoever fills it in is a robot. */
export const HONEYPOT_FIELD = 'companyUrl';

export const submitApplicationBody = z
  .object({
    companyName: z.string().trim().min(1, 'enter the company name').max(200),
    website: z
      .string()
      .trim()
      .max(500)
      .refine((w) => companyDomain(w) !== null, 'must be a web address, e.g. https://example.com'),
    country: z.string().trim().toUpperCase().refine(isCountry, 'must be an ISO 3166 country code, e.g. DE, US, JP'),
    regions: distinct(z.enum(REGIONS), REGIONS.length).default([]),
    partnerTypes: distinct(z.enum(PARTNER_TYPES), PARTNER_TYPES.length).default([]),
    industries: distinct(z.string().trim().min(1).max(100), 30).default([]),
    companySize: z.enum(COMPANY_SIZES, { error: `must be one of ${COMPANY_SIZES.join(', ')}` }),
    contactName: z.string().trim().min(1, 'enter your name').max(200),
    contactEmail: z.email('must be an email address').max(254),
    message: z.string().trim().max(5000).default(''),
    [HONEYPOT_FIELD]: z.string().max(2000).optional(),
  })
  .strict();
export type SubmitApplicationInput = z.input<typeof submitApplicationBody>;

export const applicationReceipt = z.object({ id: z.uuid(), message: z.string() }).meta({ id: 'ApplicationReceipt' });
export type ApplicationReceipt = z.infer<typeof applicationReceipt>;

const ref = z.object({ id: z.uuid(), name: z.string() });

export const applicationView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    programName: z.string(),
    companyName: z.string(),
    website: z.string(),
    domain: z.string(),
    country: z.string(),
    regions: z.array(z.string()),
    partnerTypes: z.array(z.string()),
    industries: z.array(z.string()),
    companySize: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    message: z.string(),
    score: z.number().int(),
    eligible: z.boolean(),
    eligibility: z.array(
      z.object({
        rule: z.number().int(),
        kind: z.enum(RULE_KINDS),
        met: z.boolean(),
        required: z.boolean(),
        detail: z.string(),
      }),
    ),
    status: z.enum(APPLICATION_STATUSES),
    /** The earliest earlier application from the same domain. */
    duplicateOf: z
      .object({
        id: z.uuid(),
        companyName: z.string(),
        status: z.enum(APPLICATION_STATUSES),
        createdAt: z.iso.datetime(),
      })
      .nullable(),
    /** An existing partner with the same domain: approval admits it instead of creating a second company. */
    matchedPartner: ref.nullable(),
    /** The partner created or admitted on approval. */
    partner: ref.nullable(),
    reviewReason: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Application' });
export type ApplicationView = z.infer<typeof applicationView>;

export const applicationDetailView = applicationView
  .extend({
    /** Other applications from the same domain, oldest first. */
    sameDomain: z.array(
      z.object({
        id: z.uuid(),
        companyName: z.string(),
        programName: z.string(),
        status: z.enum(APPLICATION_STATUSES),
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'ApplicationDetail' });
export type ApplicationDetailView = z.infer<typeof applicationDetailView>;

export const listApplicationsQuery = pageQuery.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
  programId: z.uuid().optional(),
  eligible: boolFlag.optional(),
  /** true: a duplicate of an earlier application or matching an existing partner; false: neither. */
  duplicate: boolFlag.optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListApplicationsQuery = z.input<typeof listApplicationsQuery>;

export const approveBody = z
  .object({
    /** Admit this existing partner instead of creating one (defaults to the partner whose domain matches). */
    partnerId: z.uuid().optional(),
    /** The channel account manager of the partner (of its enrollment, for an existing partner). */
    camUserId: z.uuid().nullable().optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .strict();
export type ApproveInput = z.input<typeof approveBody>;

export const rejectBody = z
  .object({ reason: z.string().trim().min(1, 'give the reason; it is mailed to the applicant').max(2000) })
  .strict();
export type RejectInput = z.input<typeof rejectBody>;

export const approvalView = z
  .object({
    application: applicationDetailView,
    partner: ref.extend({ created: z.boolean() }),
    enrollmentId: z.uuid(),
    /** The invitation mailed to the contact, or null when the contact is a user already. */
    invitation: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  })
  .meta({ id: 'ApplicationApproval' });
export type ApprovalView = z.infer<typeof approvalView>;
