import { Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { HouseAccount } from '../../api/deals';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { ModalFormActions } from '../../components/FormActions';
import { CountrySelect } from '../../components/partnerProfile';
import { useRequiredText } from '../../components/useRequiredText';

interface HouseAccountInput {
  name: string;
  domain: string | null;
  country: string | null;
  owner: string;
  notes: string;
}

/** Adds a house account (`account` null) or edits one. */
export function HouseAccountForm({ account, onDone }: { account: HouseAccount | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const name = useRequiredText(account?.name ?? '', 'Enter the customer’s name');
  const [domain, setDomain] = useState(account?.domain ?? '');
  const [country, setCountry] = useState<string | null>(account?.country ?? null);
  const [owner, setOwner] = useState(account?.owner ?? '');
  const [notes, setNotes] = useState(account?.notes ?? '');

  const save = useMutation({
    mutationFn: (input: HouseAccountInput) =>
      account
        ? api.patch<HouseAccount>(`/house-accounts/${encodeURIComponent(account.id)}`, input)
        : api.post<HouseAccount>('/house-accounts', input),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['house-accounts'] });
      notifications.show({ color: 'green', message: `House account “${saved.name}” ${account ? 'saved' : 'added'}` });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.check()) return;
    save.mutate({ name: name.value.trim(), domain: domain.trim() || null, country, owner: owner.trim(), notes });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['name', 'domain', 'country', 'owner', 'notes']} />
        <TextInput label="Customer name" required data-autofocus {...name.props(errors.name)} />
        <TextInput
          label="Web domain"
          description="Written any way you like: https://www.example.com/about is kept as example.com."
          placeholder="example.com"
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value)}
          error={errors.domain}
        />
        <CountrySelect value={country} onChange={setCountry} error={errors.country} />
        <TextInput
          label="Owner"
          description="Who holds the account in your sales team: a name or an email."
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          error={errors.owner}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
        />
        <ModalFormActions
          submitLabel={account ? 'Save' : 'Add house account'}
          pending={save.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
