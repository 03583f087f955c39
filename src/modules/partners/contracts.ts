import { z } from 'zod';
import { boolFlag, tagsField } from '../../platform/http/fields.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { COMPANY_SIZES, isCountry, PARTNER_STATUSES, PARTNER_TYPES, REGIONS } from './rules/profile.js';

const country = z.string().trim().toUpperCase().refine(isCountry, 'must be an ISO 3166 country code, e.g. DE, US, JP');
const website = z
  .string()
  .trim()
  .max(500)
  .refine(
    (w) => w === '' || /^(https?:\/\/)?[^\s/]+\.[^\s/]+/i.test(w),
    'must be a web address, e.g. https://example.com',
  );
const words = z
  .array(z.string().trim().min(1).max(100))
  .max(30)
  .transform((t) => [...new Set(t)]);

export const partnerView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    legalName: z.string(),
    website: z.string(),
    domain: z.string().nullable(),
    country: z.string().nullable(),
    regions: z.array(z.enum(REGIONS)),
    partnerTypes: z.array(z.enum(PARTNER_TYPES)),
    industries: z.array(z.string()),
    companySize: z.enum(COMPANY_SIZES).nullable(),
    camUserId: z.uuid().nullable(),
    camName: z.string().nullable(),
    status: z.enum(PARTNER_STATUSES),
    tags: z.array(z.string()),
    /** The vendor's notes; absent for partner users, who never see them. */
    notes: z.string().optional(),
    logoUrl: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Partner' });
export type PartnerView = z.infer<typeof partnerView>;

/** Profile fields a partner admin may also set on its own company. */
const profile = {
  name: z.string().trim().min(1).max(200),
  legalName: z.string().trim().max(200),
  website,
  country: country.nullable(),
  regions: z
    .array(z.enum(REGIONS))
    .max(REGIONS.length)
    .transform((r) => [...new Set(r)]),
  industries: words,
  companySize: z.enum(COMPANY_SIZES).nullable(),
};
/** Fields only the vendor sets. */
const vendorOnly = {
  partnerTypes: z
    .array(z.enum(PARTNER_TYPES))
    .max(PARTNER_TYPES.length)
    .transform((r) => [...new Set(r)]),
  camUserId: z.uuid().nullable(),
  status: z.enum(PARTNER_STATUSES),
  tags: tagsField,
  notes: z.string().max(20_000),
};

export const createPartnerBody = z
  .object({
    ...profile,
    legalName: profile.legalName.default(''),
    website: website.default(''),
    country: profile.country.default(null),
    regions: profile.regions.default([]),
    industries: words.default([]),
    companySize: profile.companySize.default(null),
    partnerTypes: vendorOnly.partnerTypes.default([]),
    camUserId: vendorOnly.camUserId.default(null),
    status: vendorOnly.status.default('active'),
    tags: tagsField.default([]),
    notes: vendorOnly.notes.default(''),
  })
  .strict();
export type CreatePartnerInput = z.input<typeof createPartnerBody>;

export const updatePartnerBody = z
  .object(
    Object.fromEntries(Object.entries({ ...profile, ...vendorOnly }).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof profile | keyof typeof vendorOnly]: z.ZodOptional<(typeof profile & typeof vendorOnly)[K]>;
    },
  )
  .strict();
export type UpdatePartnerInput = z.input<typeof updatePartnerBody>;

export const listPartnersQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(PARTNER_STATUSES).optional(),
  country: z.string().trim().toUpperCase().max(2).optional(),
  region: z.enum(REGIONS).optional(),
  partnerType: z.enum(PARTNER_TYPES).optional(),
  industry: z.string().trim().max(100).optional(),
  companySize: z.enum(COMPANY_SIZES).optional(),
  camUserId: z.uuid().optional(),
  tag: z.string().trim().max(50).optional(),
  domain: z.string().trim().max(300).optional(),
  unassigned: boolFlag.optional(),
});
export type ListPartnersQuery = z.input<typeof listPartnersQuery>;
