import { useState, type FormEvent } from 'react';
import type { Channel, Priority } from '@fitdesk/contracts';
import { api } from '../../api';
import { EMAIL_RE, useFormErrors } from '../../lib/formErrors';
import { PRIORITIES, PRIORITY_LABEL } from '../../lib/format';
import { navigate } from '../../router';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

const FIELDS = ['subject', 'body', 'contactEmail', 'contactName', 'priority', 'channel'] as const;
const EMPTY = { subject: '', body: '', contactEmail: '', contactName: '', priority: 'normal' as Priority, channel: 'phone' as Channel };
const CHANNELS: { value: Channel; label: string }[] = [
  { value: 'phone', label: 'Phone or meeting' },
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'Text message' },
  { value: 'portal', label: 'Portal' },
  { value: 'form', label: 'Web form' },
];

export function NewRequestDialog({ open, onClose, clientId }: { open: boolean; onClose: () => void; clientId?: string }) {
  const toast = useToast();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const { errors, formError, fromError, check, clear } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const close = () => {
    clear();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const email = form.contactEmail.trim();
    const ok = check({
      subject: !form.subject.trim() ? 'Give the request a subject' : undefined,
      body: !form.body.trim() ? 'Describe the request' : undefined,
      contactEmail: email && !EMAIL_RE.test(email) ? 'Enter a valid email address' : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const created = await api.requests.create({
        subject: form.subject.trim(),
        body: form.body,
        priority: form.priority,
        channel: form.channel,
        ...(email ? { contactEmail: email } : {}),
        ...(form.contactName.trim() ? { contactName: form.contactName.trim() } : {}),
        ...(clientId ? { clientId } : {}),
      });
      toast.success(`Request #${created.number} created`);
      setForm(EMPTY);
      close();
      navigate(`/requests/${created.id}`);
    } catch (err) {
      fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New request"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="new-request-form" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create request'}
          </button>
        </>
      }
    >
      <form id="new-request-form" onSubmit={submit} noValidate className="stack">
        <FormError message={formError} />
        <TextField label="Subject" name="subject" autoFocus value={form.subject} onChange={set('subject')} error={errors.subject} />
        <TextArea label="Message" name="body" rows={6} value={form.body} onChange={set('body')} error={errors.body} hint="What the client asked for, in their words if you have them." />
        <div className="row-2">
          <TextField label="Contact email" name="contactEmail" type="email" autoComplete="off" value={form.contactEmail} onChange={set('contactEmail')} error={errors.contactEmail} />
          <TextField label="Contact name" name="contactName" autoComplete="off" value={form.contactName} onChange={set('contactName')} error={errors.contactName} />
        </div>
        <div className="row-2">
          <SelectField
            label="Priority"
            name="priority"
            value={form.priority}
            onChange={set('priority')}
            error={errors.priority}
            options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))}
          />
          <SelectField label="Received by" name="channel" value={form.channel} onChange={set('channel')} error={errors.channel} options={CHANNELS} />
        </div>
      </form>
    </Dialog>
  );
}
