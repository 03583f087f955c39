import type { FieldError } from '../../../platform/errors.js';

type Submittable = {
  customerDomain: string | null;
  customerCountry: string | null;
  contactName: string;
  contactEmail: string;
  amount: number | null;
  expectedCloseDate: string | null;
};

/** What a draft lacks before it can be submitted: a channel manager needs all of these to judge it. */
export function missingForSubmission(deal: Submittable, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof Submittable, ok: boolean) => {
    if (!ok) errors.push({ field, message: 'is required to submit' });
  };
  need('customerDomain', !!deal.customerDomain);
  need('customerCountry', !!deal.customerCountry);
  need('contactName', deal.contactName.trim() !== '');
  need('contactEmail', deal.contactEmail.trim() !== '');
  need('amount', deal.amount !== null);
  need('expectedCloseDate', deal.expectedCloseDate !== null);
  if (deal.expectedCloseDate && deal.expectedCloseDate < today)
    errors.push({ field: 'expectedCloseDate', message: 'must not be in the past' });
  return errors;
}
