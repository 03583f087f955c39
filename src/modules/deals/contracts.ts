import { z } from 'zod';
import { csvProblem } from '../../platform/csv.js';
import { boolFlag } from '../../platform/http/fields.js';
import { pageOf, pageQuery } from '../../platform/http/pagination.js';
import { MAX_MINOR_UNITS } from '../../platform/money.js';
import { isCountry } from '../partners/rules/profile.js';
import { ATTRIBUTIONS, DEAL_STATUSES, EXTENSION_STATUSES } from './rules/lifecycle.js';

const day = z.iso.date();
const time = z.iso.datetime();
/** Money is whole minor units of the program's currency (cents), never a fraction. */
const minorUnits = z.number().int('must be whole minor units').min(0).max(MAX_MINOR_UNITS);
const reason = z.string().trim().max(2000);
const country = z.string().trim().toUpperCase().refine(isCountry, 'must be an ISO 3166 country code');

export const dealEventView = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    reason: z.string().nullable(),
    actorLabel: z.string(),
    createdAt: time,
  })
  .meta({ id: 'DealEvent' });
export type DealEventView = z.infer<typeof dealEventView>;

export const dealAttachmentView = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    createdAt: time,
  })
  .meta({ id: 'DealAttachment' });
export type DealAttachmentView = z.infer<typeof dealAttachmentView>;

/** What a registration collides with; only the vendor ever sees this. */
export const dealConflictView = z
  .object({
    matchedOn: z.enum(['domain', 'name']),
    /** Trigram similarity of the normalized names, 0–1. */
    similarity: z.number(),
    deal: z
      .object({
        id: z.uuid(),
        reference: z.string(),
        partnerId: z.uuid(),
        partnerName: z.string(),
        status: z.enum(DEAL_STATUSES),
        customerName: z.string(),
        customerDomain: z.string().nullable(),
        submittedAt: time.nullable(),
      })
      .nullable(),
    houseAccount: z
      .object({ id: z.uuid(), name: z.string(), domain: z.string().nullable(), owner: z.string() })
      .nullable(),
  })
  .meta({ id: 'DealConflict' });
export type DealConflictView = z.infer<typeof dealConflictView>;

export const DEAL_ACTIONS = [
  'edit',
  'submit',
  'delete',
  'withdraw',
  'approve',
  'reject',
  'resolve',
  'requestExtension',
  'decideExtension',
  'close',
  'attach',
] as const;
export type DealAction = (typeof DEAL_ACTIONS)[number];

export const dealView = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    /** The number as people quote it: DR-1042. */
    reference: z.string(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    status: z.enum(DEAL_STATUSES),
    customerName: z.string(),
    customerDomain: z.string().nullable(),
    customerCountry: z.string().nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string(),
    contactTitle: z.string(),
    products: z.array(z.object({ id: z.uuid(), title: z.string() })),
    amount: z.number().int().nullable(),
    currency: z.string(),
    expectedCloseDate: day.nullable(),
    attribution: z.enum(ATTRIBUTIONS),
    notes: z.string(),
    ownerUserId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    camUserId: z.uuid().nullable(),
    camName: z.string().nullable(),
    tierId: z.uuid().nullable(),
    tierName: z.string().nullable(),
    submittedAt: time.nullable(),
    /** When the approval SLA runs out; `overdue` once passed while the registration waits. */
    slaDueAt: time.nullable(),
    overdue: z.boolean(),
    decidedAt: time.nullable(),
    decidedBy: z.string().nullable(),
    decisionReason: z.string().nullable(),
    protectionDays: z.number().int().nullable(),
    protectedUntil: time.nullable(),
    extension: z.object({
      status: z.enum(EXTENSION_STATUSES),
      reason: z.string().nullable(),
      requestedAt: time.nullable(),
      /** Days a granted extension adds in this program (0 = none granted). */
      days: z.number().int(),
    }),
    closedAt: time.nullable(),
    wonAmount: z.number().int().nullable(),
    closeDate: day.nullable(),
    lostReason: z.string().nullable(),
    /** What the caller may do with it now. */
    actions: z.array(z.enum(DEAL_ACTIONS)),
    /**
     * Vendor only (absent for partners): a conflict whose every collision is with a registration no longer active,
     * and none with a house account; the channel manager may resolve it.
     */
    holderLapsed: z.boolean().optional(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Deal' });
export type DealView = z.infer<typeof dealView>;

export const dealDetailView = dealView
  .extend({
    history: z.array(dealEventView),
    attachments: z.array(dealAttachmentView),
    /** Vendor only: what this registration collides with (empty for partners). */
    conflicts: z.array(dealConflictView),
    /** Vendor only: later registrations recorded as conflicts with this one. */
    challengers: z.array(dealConflictView),
  })
  .meta({ id: 'DealDetail' });
export type DealDetailView = z.infer<typeof dealDetailView>;

const dealFields = {
  programId: z.uuid(),
  customerName: z.string().trim().min(1, 'is required').max(200),
  customerDomain: z.string().trim().max(253).nullable(),
  customerCountry: country.nullable(),
  contactName: z.string().trim().max(200),
  contactEmail: z.union([z.literal(''), z.email().max(320)]),
  contactPhone: z.string().trim().max(50),
  contactTitle: z.string().trim().max(200),
  productIds: z
    .array(z.uuid())
    .max(50)
    .transform((v) => [...new Set(v)]),
  amount: minorUnits.nullable(),
  expectedCloseDate: day.nullable(),
  attribution: z.enum(ATTRIBUTIONS),
  notes: z.string().trim().max(10_000),
};

export const registerDealBody = z
  .object({
    ...dealFields,
    customerDomain: dealFields.customerDomain.default(null),
    customerCountry: dealFields.customerCountry.default(null),
    contactName: dealFields.contactName.default(''),
    contactEmail: dealFields.contactEmail.default(''),
    contactPhone: dealFields.contactPhone.default(''),
    contactTitle: dealFields.contactTitle.default(''),
    productIds: dealFields.productIds.default([]),
    amount: dealFields.amount.default(null),
    expectedCloseDate: dealFields.expectedCloseDate.default(null),
    attribution: dealFields.attribution.default('sourced'),
    notes: dealFields.notes.default(''),
    /** false keeps a draft; true (default) submits it at once, with the conflict check. */
    submit: z.boolean().default(true),
  })
  .strict();
export type RegisterDealInput = z.input<typeof registerDealBody>;

/** A draft may change anything; once submitted, the customer and program are fixed (the conflict check ran). */
export const updateDealBody = z.object(dealFields).partial().strict();
export type UpdateDealInput = z.input<typeof updateDealBody>;

export const conflictCheckBody = z
  .object({
    customerName: z.string().trim().max(200).default(''),
    customerDomain: z.string().trim().max(253).default(''),
    /** A draft's own id, so that it does not collide with itself. */
    dealId: z.uuid().optional(),
  })
  .strict();
export type ConflictCheckInput = z.input<typeof conflictCheckBody>;

export const conflictCheckView = z
  .object({
    likelyConflict: z.boolean(),
    /** Said without naming anyone. */
    message: z.string(),
  })
  .meta({ id: 'DealConflictCheck' });
export type ConflictCheckView = z.infer<typeof conflictCheckView>;

export const reasonBody = z.object({ reason: reason.default('') }).strict();
export type ReasonInput = z.input<typeof reasonBody>;

export const approveDealBody = z.object({ note: reason.default('') }).strict();
export type ApproveDealInput = z.input<typeof approveDealBody>;

export const resolveConflictBody = z
  .object({
    /** `registration`: this one is approved and what it collided with loses; `existing`: this one is rejected. */
    inFavourOf: z.enum(['registration', 'existing']),
    reason: reason.min(1, 'is required'),
  })
  .strict();
export type ResolveConflictInput = z.input<typeof resolveConflictBody>;

export const extensionDecisionBody = z.object({ grant: z.boolean(), reason: reason.default('') }).strict();
export type ExtensionDecisionInput = z.input<typeof extensionDecisionBody>;

export const closeDealBody = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('won'),
      amount: minorUnits,
      closeDate: day,
      productIds: dealFields.productIds.optional(),
    })
    .strict(),
  z.object({ outcome: z.literal('lost'), reason: reason.min(1, 'is required'), closeDate: day.optional() }).strict(),
]);
export type CloseDealInput = z.input<typeof closeDealBody>;

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

export const listDealsQuery = pageQuery.extend({
  programId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  /** One status or several, comma-separated. */
  status: csvList(z.enum(DEAL_STATUSES)).optional(),
  ownerUserId: z.uuid().optional(),
  camUserId: z.uuid().optional(),
  attribution: z.enum(ATTRIBUTIONS).optional(),
  submittedFrom: day.optional(),
  submittedTo: day.optional(),
  closeFrom: day.optional(),
  closeTo: day.optional(),
  /** Protection ends on or before this day (e.g. what needs closing this week). */
  protectedUntilTo: day.optional(),
  amountMin: z.coerce.number().int().min(0).optional(),
  amountMax: z.coerce.number().int().min(0).optional(),
  /** Customer name or domain contains. */
  q: z.string().trim().max(200).optional(),
  overdue: boolFlag.optional(),
});
export type ListDealsQuery = z.input<typeof listDealsQuery>;

export const dealQueueQuery = pageQuery.extend({
  /** Everyone's queue instead of the caller's partners only. */
  all: boolFlag.default(false),
  programId: z.uuid().optional(),
});
export type DealQueueQuery = z.input<typeof dealQueueQuery>;

export const dealQueuePage = pageOf(dealView)
  .extend({
    /** How many registrations the queue holds under the same filters, on every page (not only this one). */
    total: z.number().int(),
    /** Of those, how many are past their SLA due time (marked `overdue`). */
    overdue: z.number().int(),
  })
  .meta({ id: 'DealQueuePage' });
export type DealQueuePage = z.infer<typeof dealQueuePage>;

export const dealSettingsView = z
  .object({
    programId: z.uuid(),
    currency: z.string(),
    approvalSlaDays: z.number().int(),
    protectionDays: z.number().int(),
    extensionDays: z.number().int(),
    autoApprove: z.boolean(),
    autoApproveBelow: z.number().int().nullable(),
    autoApproveAttributions: z.array(z.enum(ATTRIBUTIONS)),
    updatedAt: time.nullable(),
  })
  .meta({ id: 'DealSettings' });
export type DealSettingsView = z.infer<typeof dealSettingsView>;

export const dealSettingsBody = z
  .object({
    approvalSlaDays: z.number().int().min(1).max(30),
    protectionDays: z.number().int().min(0).max(365),
    extensionDays: z.number().int().min(0).max(365),
    autoApprove: z.boolean(),
    autoApproveBelow: minorUnits.min(1).nullable(),
    autoApproveAttributions: z
      .array(z.enum(ATTRIBUTIONS))
      .max(2)
      .transform((v) => [...new Set(v)]),
  })
  .strict();
export type DealSettingsInput = z.input<typeof dealSettingsBody>;
export type DealSettings = z.output<typeof dealSettingsBody>;

export const dealPolicyView = z
  .object({
    /** Trigram similarity (0.1–1) of two normalized customer names at which they collide; 1 = exactly equal. */
    nameSimilarity: z.number(),
    updatedAt: time.nullable(),
  })
  .meta({ id: 'DealPolicy' });
export type DealPolicyView = z.infer<typeof dealPolicyView>;

export const dealPolicyBody = z.object({ nameSimilarity: z.number().min(0.1).max(1) }).strict();
export type DealPolicyInput = z.input<typeof dealPolicyBody>;

export const houseAccountView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domain: z.string().nullable(),
    country: z.string().nullable(),
    owner: z.string(),
    notes: z.string(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'HouseAccount' });
export type HouseAccountView = z.infer<typeof houseAccountView>;

export const houseAccountBody = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    domain: z.string().trim().max(253).nullable().default(null),
    country: country.nullable().default(null),
    owner: z.string().trim().max(200).default(''),
    notes: z.string().trim().max(5000).default(''),
  })
  .strict();
export type HouseAccountInput = z.input<typeof houseAccountBody>;

export const updateHouseAccountBody = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    domain: z.string().trim().max(253).nullable(),
    country: country.nullable(),
    owner: z.string().trim().max(200),
    notes: z.string().trim().max(5000),
  })
  .partial()
  .strict();
export type UpdateHouseAccountInput = z.input<typeof updateHouseAccountBody>;

/** Alphabetical by name; `q` finds a name (as written or normalized) or a domain containing it. */
export const listHouseAccountsQuery = pageQuery.extend({ q: z.string().trim().max(200).optional() });
export type ListHouseAccountsQuery = z.input<typeof listHouseAccountsQuery>;

export const exportHouseAccountsQuery = listHouseAccountsQuery.omit({ cursor: true, limit: true });
export type ExportHouseAccountsQuery = z.input<typeof exportHouseAccountsQuery>;

/** What an import did, or with `dryRun` would do: rows created, updated, left as they were. */
export const houseAccountImportView = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    problems: z.array(csvProblem),
  })
  .meta({ id: 'HouseAccountImportResult' });
export type HouseAccountImportView = z.infer<typeof houseAccountImportView>;
