import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { EMAIL_RE, useFormErrors } from '../../lib/formErrors';
import { useAsync } from '../../lib/useAsync';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { ErrorState } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

const FIELDS = ['name', 'email', 'phone', 'title'] as const;
const EMPTY = { name: '', email: '', phone: '', title: '' };

export function Contacts({ clientId, canEdit }: { clientId: string; canEdit: boolean }) {
  const toast = useToast();
  const contacts = useAsync((signal) => api.contacts.list({ clientId, limit: 100 }, signal), [clientId]);
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const { errors, formError, fromError, check, clear } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const close = () => {
    clear();
    setAdding(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = check({
      name: !form.name.trim() ? 'Enter a name' : undefined,
      email: !EMAIL_RE.test(form.email.trim()) ? 'Enter a valid email address' : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const created = await api.contacts.create({
        clientId,
        name: form.name.trim(),
        email: form.email.trim(),
        phone: form.phone.trim() || null,
        title: form.title.trim() || null,
      });
      contacts.setData((prev) => ({ items: [...(prev?.items ?? []), created], nextCursor: prev?.nextCursor ?? null }));
      toast.success(`${created.name} added`);
      setForm(EMPTY);
      close();
    } catch (err) {
      fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const items = contacts.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="contacts-h">
      <div className="section-header">
        <h2 id="contacts-h">Contacts</h2>
        {canEdit && (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            Add contact
          </button>
        )}
      </div>
      {contacts.error ? (
        <ErrorState error={contacts.error} onRetry={contacts.reload} />
      ) : !contacts.data ? (
        <p className="muted small">Loading…</p>
      ) : !items.length ? (
        <p className="muted">No contacts yet.</p>
      ) : (
        <ul className="contact-list">
          {items.map((c) => (
            <li key={c.id}>
              <div>
                <strong>{c.name}</strong>
                {c.title && <span className="muted"> · {c.title}</span>}
              </div>
              <div className="small">
                <a href={`mailto:${c.email}`}>{c.email}</a>
                {c.phone && <span className="muted"> · {c.phone}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={adding}
        onClose={close}
        title="Add contact"
        footer={
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" form="new-contact-form" className="button primary" disabled={busy}>
              Add contact
            </button>
          </>
        }
      >
        <form id="new-contact-form" onSubmit={submit} noValidate className="stack">
          <FormError message={formError} />
          <TextField label="Name" name="name" autoFocus value={form.name} onChange={set('name')} error={errors.name} />
          <TextField label="Email" name="email" type="email" value={form.email} onChange={set('email')} error={errors.email} />
          <div className="row-2">
            <TextField label="Phone" name="phone" type="tel" value={form.phone} onChange={set('phone')} error={errors.phone} />
            <TextField label="Title" name="title" value={form.title} onChange={set('title')} error={errors.title} />
          </div>
        </form>
      </Dialog>
    </section>
  );
}
