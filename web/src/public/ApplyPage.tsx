import {
  Alert,
  Box,
  Button,
  Center,
  Checkbox,
  Group,
  List,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { Application, ApplicationReceipt, PublicApplicationForm } from '../api/applications';
import { api, ApiError, fieldErrors } from '../api/client';
import { ErrorAlert, FormErrorAlert } from '../components/ErrorAlert';
import { countryOptions } from '../components/partnerProfile';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

type Answers = Pick<
  Application,
  | 'companyName'
  | 'website'
  | 'country'
  | 'regions'
  | 'partnerTypes'
  | 'industries'
  | 'companySize'
  | 'contactName'
  | 'contactEmail'
  | 'message'
>;

const EMPTY: Answers = {
  companyName: '',
  website: '',
  country: '',
  regions: [],
  partnerTypes: [],
  industries: [],
  companySize: '',
  contactName: '',
  contactEmail: '',
  message: '',
};

/** What people must fill in before the form goes to the server (which checks everything again). */
function missing(a: Answers): Record<string, string> {
  const out: Record<string, string> = {};
  if (!a.companyName.trim()) out.companyName = 'Enter the company name';
  if (!a.website.trim()) out.website = 'Enter the company website';
  if (!a.country) out.country = 'Choose the country';
  if (!a.companySize) out.companySize = 'Choose the company size';
  if (!a.contactName.trim()) out.contactName = 'Enter your name';
  if (!a.contactEmail.trim()) out.contactEmail = 'Enter your email';
  return out;
}

function Closed() {
  return (
    <Alert color="gray" variant="light" title="This program is not taking applications" role="status">
      <Text size="sm">The link may be old, or the program is closed for now. Please check back later.</Text>
    </Alert>
  );
}

function TooMany({ error }: { error: ApiError }) {
  const minutes = error.retryAfter !== null ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null;
  return (
    <Alert color="red" variant="light" role="alert" title="Too many applications">
      <Text size="sm">
        {minutes !== null
          ? `Too many applications were sent from here. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
          : 'Too many applications were sent from here. Try again later.'}
      </Text>
    </Alert>
  );
}

function ApplicationFormBody({ form, programKey }: { form: PublicApplicationForm; programKey: string }) {
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  // the field people never see; only robots fill it in
  const [trap, setTrap] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof Answers>(key: K, value: Answers[K]) => {
    setAnswers((a) => ({ ...a, [key]: value }));
    setLocal((l) => {
      const { [key]: _gone, ...rest } = l;
      return rest;
    });
  };
  const submit = useMutation({
    mutationFn: () =>
      api.post<ApplicationReceipt>(`/public/programs/${encodeURIComponent(programKey)}/applications`, {
        ...answers,
        companyName: answers.companyName.trim(),
        website: answers.website.trim(),
        contactName: answers.contactName.trim(),
        contactEmail: answers.contactEmail.trim(),
        message: answers.message.trim(),
        ...(trap ? { companyUrl: trap } : {}),
      }),
  });

  if (submit.isSuccess) {
    return (
      <Alert color="green" variant="light" title="Thank you for applying" role="status">
        <Stack gap={4}>
          <Text size="sm">{submit.data.message}</Text>
          <Text size="sm">We will write to you once the application is reviewed.</Text>
          <Text size="xs" c="gray.8">
            Reference: {submit.data.id}
          </Text>
        </Stack>
      </Alert>
    );
  }

  const server = fieldErrors(submit.error);
  const error = (field: keyof Answers) => local[field] ?? server[field];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = missing(answers);
    setLocal(problems);
    if (Object.keys(problems).length === 0) submit.mutate();
  };
  const { vocabularies } = form;
  const closed = submit.error instanceof ApiError && submit.error.status === 404;
  const tooMany = submit.error instanceof ApiError && submit.error.status === 429;

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="apply-heading">
      <Stack>
        {closed ? (
          <Closed />
        ) : tooMany ? (
          <TooMany error={submit.error as ApiError} />
        ) : (
          <FormErrorAlert error={submit.error} fields={Object.keys(EMPTY)} />
        )}
        {Object.keys(local).length > 0 && (
          <Alert color="red" variant="light" role="alert" title="Please fill in the highlighted fields">
            <Text size="sm">Nothing was sent yet.</Text>
          </Alert>
        )}
        <Title order={2} size="h4">
          Your company
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Company name"
            required
            autoComplete="organization"
            value={answers.companyName}
            onChange={(e) => set('companyName', e.currentTarget.value)}
            error={error('companyName')}
          />
          <TextInput
            label="Website"
            required
            placeholder="https://example.com"
            autoComplete="url"
            value={answers.website}
            onChange={(e) => set('website', e.currentTarget.value)}
            error={error('website')}
          />
          <NativeSelect
            label="Country"
            description="Where the company is based."
            required
            data={[{ value: '', label: 'Choose a country' }, ...countryOptions]}
            value={answers.country}
            onChange={(e) => set('country', e.currentTarget.value)}
            error={error('country')}
          />
          <NativeSelect
            label="Company size"
            description="Employees, all locations."
            required
            data={[{ value: '', label: 'Choose a size' }, ...vocabularies.companySizes]}
            value={answers.companySize}
            onChange={(e) => set('companySize', e.currentTarget.value)}
            error={error('companySize')}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Regions you serve"
          value={answers.regions}
          onChange={(v) => set('regions', v)}
          error={error('regions')}
        >
          <Group gap="md" mt={6}>
            {vocabularies.regions.map((r) => (
              <Checkbox key={r.value} value={r.value} label={r.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group
          label="How you work with customers"
          value={answers.partnerTypes}
          onChange={(v) => set('partnerTypes', v)}
          error={error('partnerTypes')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
            {vocabularies.partnerTypes.map((t) => (
              <Checkbox key={t.value} value={t.value} label={t.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <TagsInput
          label="Industries"
          description="The industries of your customers. Press Enter after each one."
          value={answers.industries}
          onChange={(v) => set('industries', v)}
          error={error('industries')}
          clearable
        />
        <Title order={2} size="h4" mt="sm">
          You
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            value={answers.contactName}
            onChange={(e) => set('contactName', e.currentTarget.value)}
            error={error('contactName')}
          />
          <TextInput
            label="Your email"
            type="email"
            required
            autoComplete="email"
            description="We send the decision here."
            value={answers.contactEmail}
            onChange={(e) => set('contactEmail', e.currentTarget.value)}
            error={error('contactEmail')}
          />
        </SimpleGrid>
        <Textarea
          label="Anything else we should know?"
          autosize
          minRows={3}
          value={answers.message}
          onChange={(e) => set('message', e.currentTarget.value)}
          error={error('message')}
        />
        {/* the honeypot: off screen, out of the tab order and hidden from screen readers */}
        <Box
          aria-hidden="true"
          style={{ position: 'absolute', left: '-10000px', top: 'auto', width: 1, height: 1, overflow: 'hidden' }}
        >
          <label htmlFor="apply-company-url">Company URL (leave empty)</label>
          <input
            id="apply-company-url"
            name="companyUrl"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={trap}
            onChange={(e) => setTrap(e.currentTarget.value)}
          />
        </Box>
        <Group>
          <Button type="submit" loading={submit.isPending}>
            Submit application
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A program's public application form: no sign-in. */
export function ApplyPage() {
  const { programKey = '' } = useParams();
  const form = useQuery({
    queryKey: ['public-application-form', programKey],
    queryFn: () =>
      api.get<PublicApplicationForm>(`/public/programs/${encodeURIComponent(programKey)}/application-form`),
    retry: false,
  });
  usePageTitle(form.data ? `Apply to ${form.data.programName}` : 'Apply');

  let body;
  if (form.isPending) {
    body = (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the application form" />
      </Center>
    );
  } else if (form.isError) {
    body = form.error instanceof ApiError && form.error.status === 404 ? <Closed /> : <ErrorAlert error={form.error} />;
  } else {
    const f = form.data;
    body = (
      <Stack>
        {f.description && <Text>{f.description}</Text>}
        {f.intro && <Text style={{ whiteSpace: 'pre-wrap' }}>{f.intro}</Text>}
        {f.requirements.length > 0 && (
          <Box>
            <Text fw={600} size="sm">
              What we look for
            </Text>
            <List size="sm" mt={4}>
              {f.requirements.map((r, i) => (
                <List.Item key={i}>
                  {r.text}
                  {r.required ? ' (required)' : ''}
                </List.Item>
              ))}
            </List>
          </Box>
        )}
        <ApplicationFormBody form={f} programKey={programKey} />
      </Stack>
    );
  }

  return (
    <PublicLayout size={720}>
      <Stack>
        <Title order={1} size="h2" id="apply-heading">
          {form.data ? `Apply to ${form.data.programName}` : 'Apply to a partner program'}
        </Title>
        {body}
      </Stack>
    </PublicLayout>
  );
}
