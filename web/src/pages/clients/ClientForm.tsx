import { useState, type FormEvent, type ReactNode } from 'react';
import type { Client, ClientInput } from '@fitdesk/contracts';
import { useFormErrors } from '../../lib/formErrors';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { FormError } from '../auth/AuthLayout';

export const CLIENT_FIELDS = ['name', 'kind', 'domain', 'status', 'tier', 'region', 'annualRevenue', 'tags', 'notes'] as const;

export interface ClientDraft {
  name: string;
  kind: Client['kind'];
  domain: string;
  status: Client['status'];
  tier: Client['tier'];
  region: string;
  annualRevenue: string;
  tags: string;
  notes: string;
}

export const emptyDraft: ClientDraft = { name: '', kind: 'organisation', domain: '', status: 'active', tier: 'standard', region: '', annualRevenue: '', tags: '', notes: '' };

export const draftOf = (c: Client): ClientDraft => ({
  name: c.name,
  kind: c.kind,
  domain: c.domain ?? '',
  status: c.status,
  tier: c.tier,
  region: c.region ?? '',
  annualRevenue: c.annualRevenue === null ? '' : String(c.annualRevenue),
  tags: c.tags.join(', '),
  notes: c.notes,
});

export function inputOf(d: ClientDraft): ClientInput {
  const revenue = d.annualRevenue.trim().replace(/[,_\s]/g, '');
  return {
    name: d.name.trim(),
    kind: d.kind,
    domain: d.domain.trim() ? d.domain.trim().toLowerCase() : null,
    status: d.status,
    tier: d.tier,
    region: d.region.trim() || null,
    annualRevenue: revenue ? Number(revenue) : null,
    tags: d.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    notes: d.notes,
  };
}

interface Props {
  id: string;
  initial: ClientDraft;
  onSubmit: (input: ClientInput) => Promise<void>;
  /** Rendered after the fields (e.g. Save button when inline). */
  actions?: ReactNode;
  autoFocus?: boolean;
}

export function ClientForm({ id, initial, onSubmit, actions, autoFocus }: Props) {
  const [d, setD] = useState(initial);
  const { errors, formError, fromError, check } = useFormErrors(CLIENT_FIELDS);
  const set = (k: keyof ClientDraft) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const revenue = d.annualRevenue.trim().replace(/[,_\s]/g, '');
    const ok = check({
      name: !d.name.trim() ? 'Enter the client’s name' : undefined,
      domain: d.domain.trim() && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(d.domain.trim()) ? 'Use a domain like example.com' : undefined,
      annualRevenue: revenue && (!Number.isFinite(Number(revenue)) || Number(revenue) < 0) ? 'Enter a positive number' : undefined,
      tags: d.tags.split(',').some((t) => t.trim().length > 40) ? 'Tags are at most 40 characters' : undefined,
    });
    if (!ok) return;
    try {
      await onSubmit(inputOf(d));
    } catch (err) {
      fromError(err);
    }
  };

  return (
    <form id={id} onSubmit={submit} noValidate className="stack">
      <FormError message={formError} />
      <TextField label="Name" name="name" autoFocus={autoFocus} value={d.name} onChange={set('name')} error={errors.name} />
      <div className="row-3">
        <SelectField label="Kind" name="kind" value={d.kind} onChange={set('kind')} error={errors.kind} options={[{ value: 'organisation', label: 'Organisation' }, { value: 'individual', label: 'Individual' }]} />
        <SelectField label="Status" name="status" value={d.status} onChange={set('status')} error={errors.status} options={[{ value: 'prospect', label: 'Prospect' }, { value: 'active', label: 'Active' }, { value: 'former', label: 'Former' }]} />
        <SelectField label="Tier" name="tier" value={d.tier} onChange={set('tier')} error={errors.tier} options={[{ value: 'standard', label: 'Standard' }, { value: 'premium', label: 'Premium' }, { value: 'enterprise', label: 'Enterprise' }]} />
      </div>
      <div className="row-3">
        <TextField label="Domain" name="domain" placeholder="example.com" value={d.domain} onChange={set('domain')} error={errors.domain} />
        <TextField label="Region" name="region" value={d.region} onChange={set('region')} error={errors.region} />
        <TextField label="Annual revenue" name="annualRevenue" inputMode="decimal" value={d.annualRevenue} onChange={set('annualRevenue')} error={errors.annualRevenue} />
      </div>
      <TextField label="Tags" name="tags" value={d.tags} onChange={set('tags')} error={errors.tags} hint="Separate tags with commas." />
      <TextArea label="Notes" name="notes" rows={4} value={d.notes} onChange={set('notes')} error={errors.notes} />
      {actions}
    </form>
  );
}
