import { useCallback, useState } from 'react';
import { isApiError } from '../api';
import { errorMessage } from '../ui/toast';

export type FieldErrors = Record<string, string | undefined>;

/**
 * Field errors for a form: the server's `error.field` lands next to that field when the form
 * has it, otherwise the message is shown at the top of the form.
 */
export function useFormErrors(fields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);

  const fromError = useCallback(
    (e: unknown) => {
      if (isApiError(e) && e.field) {
        const key = e.field.split('.')[0] ?? e.field;
        if (fields.includes(key)) {
          setErrors({ [key]: e.fieldMessage });
          setFormError(undefined);
          return;
        }
      }
      setErrors({});
      setFormError(errorMessage(e));
    },
    [fields],
  );
  const clear = useCallback(() => {
    setErrors({});
    setFormError(undefined);
  }, []);
  /** Client-side checks before sending; returns true when everything passes. */
  const check = useCallback((local: FieldErrors) => {
    const failing = Object.fromEntries(Object.entries(local).filter(([, v]) => v));
    setErrors(failing);
    setFormError(undefined);
    return Object.keys(failing).length === 0;
  }, []);
  return { errors, formError, fromError, clear, check };
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
