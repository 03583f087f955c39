import { PasswordInput } from '@mantine/core';

type Props = { label?: string; value: string; onChange: (value: string) => void; error?: string | undefined };

/** The field where someone chooses a password: the server's rule stated up front, the error announced. */
export function NewPasswordInput({ label = 'Password', value, onChange, error }: Props) {
  return (
    <PasswordInput
      label={label}
      autoComplete="new-password"
      description="At least 12 characters."
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      // the component does not mark its inner input invalid by itself
      aria-invalid={Boolean(error)}
    />
  );
}
