import { useState } from 'react';

/**
 * A required text input's value and its “missing” mark: `check()` on submit marks an empty value and says whether
 * to go on; typing clears the mark. `props(serverError)` wires the input.
 */
export function useRequiredText(initial: string, message: string) {
  const [value, setValue] = useState(initial);
  const [missing, setMissing] = useState(false);
  return {
    value,
    setValue,
    check: () => {
      if (value.trim()) return true;
      setMissing(true);
      return false;
    },
    /** Back to empty and unmarked, for a form that stays mounted between uses. */
    reset: () => {
      setValue('');
      setMissing(false);
    },
    props: (serverError: string | undefined) => ({
      value,
      onChange: (e: { currentTarget: { value: string } }) => {
        setValue(e.currentTarget.value);
        setMissing(false);
      },
      error: missing ? message : serverError,
    }),
  };
}
