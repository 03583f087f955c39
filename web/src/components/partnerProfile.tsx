import {
  Button,
  FileButton,
  Group,
  Image,
  MultiSelect,
  Select,
  type SelectProps,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../api/client';
import {
  COMPANY_SIZES,
  PARTNER_STATUSES,
  PARTNER_TYPES,
  REGIONS,
  type CompanySize,
  type Page,
  type Partner,
  type PartnerStatus,
  type PartnerType,
  type Region,
  type User,
} from '../api/types';
import { DetailField, RecordDates } from './DetailField';
import { ErrorAlert, FormErrorAlert } from './ErrorAlert';
import { TagsField } from './fields';
import { ModalFormActions } from './FormActions';
import { capitalize } from './format';
import { StatusBadge } from './StatusBadge';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The name of an ISO 3166-1 alpha-2 country code, or the code itself when unknown. */
export function countryName(code: string | null): string {
  if (!code) return '—';
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function isCountry(code: string): boolean {
  try {
    // retired codes (DD, SU, YU…) are aliases of today's: only the current code is offered
    if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) return false;
    const name = regionNames.of(code);
    return name !== undefined && name !== code && name !== 'Unknown Region';
  } catch {
    return false;
  }
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Codes the runtime names but which are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

/** Every country the runtime knows, by name. */
export const countryOptions: { value: string; label: string }[] = [...LETTERS]
  .flatMap((a) => [...LETTERS].map((b) => a + b))
  .filter((code) => !NOT_COUNTRIES.has(code) && isCountry(code))
  .map((code) => ({ value: code, label: `${countryName(code)} (${code})` }))
  .sort((x, y) => x.label.localeCompare(y.label));

const REGION_LABELS: Record<Region, string> = {
  north_america: 'North America',
  latin_america: 'Latin America',
  europe: 'Europe',
  middle_east: 'Middle East',
  africa: 'Africa',
  asia_pacific: 'Asia Pacific',
  oceania: 'Oceania',
};
const TYPE_LABELS: Partial<Record<PartnerType, string>> = { msp: 'MSP' };

/** A form's Country input: every country the runtime knows, searchable by name or code. */
export function CountrySelect(props: {
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string;
}) {
  return <Select label="Country" data={countryOptions} searchable clearable {...props} />;
}

export const statusOptions = PARTNER_STATUSES.map((s) => ({ value: s, label: capitalize(s) }));
export const regionOptions = REGIONS.map((r) => ({ value: r, label: REGION_LABELS[r] }));
export const typeOptions = PARTNER_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] ?? capitalize(t) }));
export const sizeOptions = COMPANY_SIZES.map((s) => ({ value: s, label: `${s} employees` }));

export function regionLabel(r: Region): string {
  return REGION_LABELS[r];
}
export function typeLabel(t: PartnerType): string {
  return TYPE_LABELS[t] ?? capitalize(t);
}

function list(values: string[]): string {
  return values.length ? values.join(', ') : '—';
}

/** The vendor users who may be a partner's channel account manager. */
export function useCamOptions(enabled: boolean) {
  const users = useQuery({
    queryKey: ['users', 'cam-candidates'],
    queryFn: () => api.get<Page<User>>('/users', { kind: 'vendor', limit: 100 }),
    enabled,
  });
  const options = (users.data?.items ?? [])
    .filter((u) => !u.disabled && (u.role === 'admin' || u.role === 'channel_manager'))
    .map((u) => ({ value: u.id, label: u.name || u.email }));
  return { options, error: users.error };
}

/** The channel account manager input (unassigned when empty), and why its choices did not load. */
export function CamSelect({
  options,
  loadError,
  ...select
}: Omit<SelectProps, 'label' | 'data'> & { options: { value: string; label: string }[]; loadError: unknown }) {
  return (
    <>
      <Select
        label="Channel account manager"
        data={options}
        searchable
        clearable
        placeholder="Unassigned"
        {...select}
      />
      <ErrorAlert error={loadError} title="The channel managers could not be loaded" />
    </>
  );
}

const LABEL_WIDTH = 140;

/** A partner's profile, read-only; `vendor` adds the fields only the vendor sees. */
export function PartnerProfileDetails({ partner: p, vendor }: { partner: Partner; vendor: boolean }) {
  return (
    <Stack gap="xs">
      {p.logoUrl && <Image src={p.logoUrl} alt={`${p.name} logo`} h={64} w="auto" fit="contain" maw={240} />}
      <DetailField label="Name" labelWidth={LABEL_WIDTH}>
        {p.name}
      </DetailField>
      <DetailField label="Legal name" labelWidth={LABEL_WIDTH}>
        {p.legalName || '—'}
      </DetailField>
      <DetailField label="Website" labelWidth={LABEL_WIDTH}>
        {p.website || '—'}
      </DetailField>
      <DetailField label="Domain" labelWidth={LABEL_WIDTH}>
        {p.domain ?? '—'}
      </DetailField>
      <DetailField label="Country" labelWidth={LABEL_WIDTH}>
        {countryName(p.country)}
      </DetailField>
      <DetailField label="Regions" labelWidth={LABEL_WIDTH}>
        {list(p.regions.map(regionLabel))}
      </DetailField>
      <DetailField label="Industries" labelWidth={LABEL_WIDTH}>
        {list(p.industries)}
      </DetailField>
      <DetailField label="Company size" labelWidth={LABEL_WIDTH}>
        {p.companySize ? `${p.companySize} employees` : '—'}
      </DetailField>
      <DetailField label="Partner types" labelWidth={LABEL_WIDTH}>
        {list(p.partnerTypes.map(typeLabel))}
      </DetailField>
      <DetailField label="Status" labelWidth={LABEL_WIDTH}>
        <StatusBadge status={p.status} />
      </DetailField>
      <DetailField label="Channel manager" labelWidth={LABEL_WIDTH}>
        {p.camName ?? 'Unassigned'}
      </DetailField>
      {vendor && (
        <>
          <DetailField label="Tags" labelWidth={LABEL_WIDTH}>
            {list(p.tags)}
          </DetailField>
          <DetailField label="Notes (vendor only)" labelWidth={LABEL_WIDTH}>
            {p.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.notes}</span> : '—'}
          </DetailField>
        </>
      )}
      <RecordDates record={{ ...p, archivedAt: null }} labelWidth={LABEL_WIDTH} />
    </Stack>
  );
}

export interface PartnerProfileInput {
  name: string;
  legalName: string;
  website: string;
  country: string | null;
  regions: Region[];
  industries: string[];
  companySize: CompanySize | null;
  partnerTypes?: PartnerType[];
  camUserId?: string | null;
  status?: PartnerStatus;
  tags?: string[];
  notes?: string;
}

interface FormProps {
  partner: Partner;
  /** Also the fields only the vendor sets (types, CAM, status, tags, notes). */
  vendor: boolean;
  onSaved: (partner: Partner) => void;
  onCancel: () => void;
}

/** Edits a partner's profile; the vendor form adds types, CAM, status, tags and notes. */
export function PartnerProfileForm({ partner: p, vendor, onSaved, onCancel }: FormProps) {
  const [name, setName] = useState(p.name);
  const [legalName, setLegalName] = useState(p.legalName);
  const [website, setWebsite] = useState(p.website);
  const [country, setCountry] = useState<string | null>(p.country);
  const [regions, setRegions] = useState<string[]>(p.regions);
  const [industries, setIndustries] = useState<string[]>(p.industries);
  const [companySize, setCompanySize] = useState<string | null>(p.companySize);
  const [partnerTypes, setPartnerTypes] = useState<string[]>(p.partnerTypes);
  const [camUserId, setCamUserId] = useState<string | null>(p.camUserId);
  const [status, setStatus] = useState<string>(p.status);
  const [tags, setTags] = useState<string[]>(p.tags);
  const [notes, setNotes] = useState(p.notes ?? '');
  const cams = useCamOptions(vendor);
  const camOptions =
    p.camUserId && !cams.options.some((o) => o.value === p.camUserId)
      ? [...cams.options, { value: p.camUserId, label: p.camName ?? 'Current manager' }]
      : cams.options;

  const save = useMutation({
    mutationFn: (input: PartnerProfileInput) => api.patch<Partner>(`/partners/${encodeURIComponent(p.id)}`, input),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: 'Profile saved' });
      onSaved(saved);
    },
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: PartnerProfileInput = {
      name: name.trim(),
      legalName: legalName.trim(),
      website: website.trim(),
      country,
      regions: regions as Region[],
      industries,
      companySize: companySize as CompanySize | null,
    };
    if (vendor) {
      Object.assign(input, {
        partnerTypes: partnerTypes as PartnerType[],
        camUserId,
        status: status as PartnerStatus,
        tags,
        notes,
      });
    }
    save.mutate(input);
  };

  const fields = ['name', 'legalName', 'website', 'country', 'regions', 'industries', 'companySize'];
  if (vendor) fields.push('partnerTypes', 'camUserId', 'status', 'tags', 'notes');

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={fields} />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          label="Legal name"
          value={legalName}
          onChange={(e) => setLegalName(e.currentTarget.value)}
          error={errors.legalName}
        />
        <TextInput
          label="Website"
          placeholder="https://example.com"
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
          error={errors.website}
        />
        <CountrySelect value={country} onChange={setCountry} error={errors.country} />
        <MultiSelect
          label="Regions"
          data={regionOptions}
          value={regions}
          onChange={setRegions}
          clearable
          error={errors.regions}
        />
        <TagsInput
          label="Industries"
          description="Press Enter after each industry."
          value={industries}
          onChange={setIndustries}
          clearable
          error={errors.industries}
        />
        <Select
          label="Company size"
          data={sizeOptions}
          clearable
          value={companySize}
          onChange={setCompanySize}
          error={errors.companySize}
        />
        {vendor && (
          <>
            <MultiSelect
              label="Partner types"
              data={typeOptions}
              value={partnerTypes}
              onChange={setPartnerTypes}
              clearable
              error={errors.partnerTypes}
            />
            <CamSelect
              options={camOptions}
              loadError={cams.error}
              value={camUserId}
              onChange={setCamUserId}
              error={errors.camUserId}
            />
            <Select
              label="Status"
              data={statusOptions}
              allowDeselect={false}
              value={status}
              onChange={(v) => v && setStatus(v)}
              error={errors.status}
            />
            <TagsField value={tags} onChange={setTags} error={errors.tags} />
            <Textarea
              label="Notes (vendor only)"
              autosize
              minRows={3}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={errors.notes}
            />
          </>
        )}
        <ModalFormActions submitLabel="Save profile" pending={save.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** The Upload logo button: PNG, JPEG or SVG, sent as is. */
export function LogoUpload({ partner, onSaved }: { partner: Partner; onSaved: (partner: Partner) => void }) {
  const upload = useMutation({
    mutationFn: (file: File) => api.putFile<Partner>(`/partners/${encodeURIComponent(partner.id)}/logo`, file),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: 'Logo uploaded' });
      onSaved(saved);
    },
  });
  return (
    <Stack gap={4} align="flex-start">
      <Group gap="sm">
        <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/png,image/jpeg,image/svg+xml">
          {(props) => (
            <Button variant="default" loading={upload.isPending} {...props}>
              Upload logo
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="gray.8">
          PNG, JPEG or SVG.
        </Text>
      </Group>
      <ErrorAlert error={upload.error} title="The logo was not uploaded" />
    </Stack>
  );
}
