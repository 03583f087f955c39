/** Shapes of the deal registration API: registrations, the review queue, program settings and house accounts. */

import type { Page } from './types';

export const DEAL_STATUSES = [
  'draft',
  'submitted',
  'conflict',
  'approved',
  'protected',
  'rejected',
  'withdrawn',
  'expired',
  'won',
  'lost',
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const ATTRIBUTIONS = ['sourced', 'influenced'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export type ExtensionStatus = 'none' | 'requested' | 'granted' | 'refused';

export type DealAction =
  | 'edit'
  | 'submit'
  | 'delete'
  | 'withdraw'
  | 'approve'
  | 'reject'
  | 'resolve'
  | 'requestExtension'
  | 'decideExtension'
  | 'close'
  | 'attach';

export interface Deal {
  id: string;
  number: number;
  /** As people quote it: DR-1042. */
  reference: string;
  partnerId: string;
  partnerName: string;
  programId: string;
  programName: string;
  status: DealStatus;
  customerName: string;
  customerDomain: string | null;
  customerCountry: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  contactTitle: string;
  products: { id: string; title: string }[];
  /** Minor units of `currency`. */
  amount: number | null;
  currency: string;
  expectedCloseDate: string | null;
  attribution: Attribution;
  notes: string;
  ownerUserId: string | null;
  ownerName: string | null;
  camUserId: string | null;
  camName: string | null;
  tierId: string | null;
  tierName: string | null;
  submittedAt: string | null;
  slaDueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  protectionDays: number | null;
  protectedUntil: string | null;
  extension: { status: ExtensionStatus; reason: string | null; requestedAt: string | null; days: number };
  closedAt: string | null;
  wonAmount: number | null;
  closeDate: string | null;
  lostReason: string | null;
  /** What the signed-in user may do with it now. */
  actions: DealAction[];
  /** Vendor only (partners never get it): a conflict whose every collision is with a registration no longer active. */
  holderLapsed?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DealEvent {
  id: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actorLabel: string;
  createdAt: string;
}

export interface DealAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

/** What a registration collides with (vendor only). */
export interface DealConflict {
  matchedOn: 'domain' | 'name';
  similarity: number;
  deal: {
    id: string;
    reference: string;
    partnerId: string;
    partnerName: string;
    status: DealStatus;
    customerName: string;
    customerDomain: string | null;
    submittedAt: string | null;
  } | null;
  houseAccount: { id: string; name: string; domain: string | null; owner: string } | null;
}

export interface DealDetail extends Deal {
  history: DealEvent[];
  attachments: DealAttachment[];
  /** Vendor only: what this registration collides with. */
  conflicts: DealConflict[];
  /** Vendor only: later registrations recorded as conflicts with this one. */
  challengers: DealConflict[];
}

export interface DealInput {
  programId: string;
  customerName: string;
  customerDomain: string | null;
  customerCountry: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  contactTitle: string;
  productIds: string[];
  amount: number | null;
  expectedCloseDate: string | null;
  attribution: Attribution;
  notes: string;
}

export interface ConflictCheck {
  likelyConflict: boolean;
  message: string;
}

export type CloseDealInput =
  | { outcome: 'won'; amount: number; closeDate: string; productIds?: string[] }
  | { outcome: 'lost'; reason: string; closeDate?: string };

export interface DealSettings {
  programId: string;
  currency: string;
  approvalSlaDays: number;
  protectionDays: number;
  extensionDays: number;
  autoApprove: boolean;
  autoApproveBelow: number | null;
  autoApproveAttributions: Attribution[];
  updatedAt: string | null;
}

export interface DealPolicy {
  nameSimilarity: number;
  updatedAt: string | null;
}

export interface HouseAccount {
  id: string;
  name: string;
  domain: string | null;
  country: string | null;
  owner: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

/** POST /deals: a draft (`submit: false`) or submitted at once with the conflict check (the default). */
export interface RegisterDealInput extends DealInput {
  submit: boolean;
}

/** PATCH /deals/:id: anything of a draft; after submission, not the program or who the customer is. */
export type UpdateDealInput = Partial<DealInput>;

/** POST /deals/conflict-check, while the partner types; `dealId` keeps a draft from matching itself. */
export interface ConflictCheckInput {
  customerName: string;
  customerDomain: string;
  dealId?: string;
}

/** A page of GET /deals/queue, with how many the whole queue holds under the same filters. */
export interface DealQueuePage extends Page<Deal> {
  total: number;
  overdue: number;
}

/** GET /deals/queue filters: everyone's queue instead of the caller's partners only, one program. */
export interface DealQueueParams {
  all?: boolean;
  programId?: string;
}

/** GET /deals filters (all optional; `status` takes several, comma-separated). */
export interface ListDealsParams {
  programId?: string;
  partnerId?: string;
  status?: string;
  ownerUserId?: string;
  camUserId?: string;
  attribution?: Attribution;
  submittedFrom?: string;
  submittedTo?: string;
  closeFrom?: string;
  closeTo?: string;
  amountMin?: number;
  amountMax?: number;
  q?: string;
  overdue?: boolean;
  /** Protection ends on or before this day. */
  protectedUntilTo?: string;
}
