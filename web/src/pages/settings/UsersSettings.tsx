import { useState, type FormEvent } from 'react';
import type { Invite, Role, User } from '@fitdesk/contracts';
import { api } from '../../api';
import { EMAIL_RE, useFormErrors } from '../../lib/formErrors';
import { ROLES, ROLE_LABEL, fullTime, relativeTime } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync, useNow } from '../../lib/useAsync';
import { useSession } from '../../session';
import { SelectField, TextField } from '../../ui/Field';
import { CopyButton, EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : new URL(url, window.location.origin).toString());

export function UsersSettings() {
  const session = useSession();
  const toast = useToast();
  const now = useNow();
  const users = useAsync((signal) => api.users.list(signal), []);
  const invites = useAsync((signal) => api.invites.list(signal), []);
  const canManage = atLeast(session.user.role, 'supervisor');

  const patchUser = async (u: User, change: { role?: Role; active?: boolean }, label: string) => {
    try {
      const saved = await api.users.update(u.id, change);
      users.setData((prev) => (prev ? { items: prev.items.map((x) => (x.id === saved.id ? saved : x)) } : prev));
      toast.success(label);
    } catch (e) {
      toast.error(e);
      users.reload();
    }
  };

  const revoke = async (inv: Invite) => {
    try {
      await api.invites.revoke(inv.id);
      invites.setData((prev) => (prev ? { items: prev.items.filter((x) => x.id !== inv.id) } : prev));
      toast.success(`Invite for ${inv.email} revoked`);
    } catch (e) {
      toast.error(e);
    }
  };

  const pending = (invites.data?.items ?? []).filter((i) => !i.acceptedAt);

  return (
    <div className="stack-lg">
      <section className="panel" aria-labelledby="users-h">
        <h2 id="users-h">Team</h2>
        {users.error ? (
          <ErrorState error={users.error} onRetry={users.reload} />
        ) : !users.data ? (
          <Spinner />
        ) : (
          <div className="table-wrap">
            <table className="table table-stack">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="hide-phone">
                    Status
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => {
                  const self = u.id === session.user.id;
                  return (
                    <tr key={u.id} className={u.active ? '' : 'inactive'}>
                      <td>
                        <strong>{u.name}</strong>
                        {self && <span className="muted"> (you)</span>}
                        <div className="muted small">{u.email}</div>
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                          Role of {u.name}
                        </label>
                        <select
                          id={`role-${u.id}`}
                          value={u.role}
                          disabled={!canManage || self}
                          onChange={(e) => void patchUser(u, { role: e.target.value as Role }, `${u.name} is now ${ROLE_LABEL[e.target.value as Role]}`)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABEL[r]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="hide-phone">{u.active ? <span className="badge client-active">Active</span> : <span className="badge">Deactivated</span>}</td>
                      <td className="actions">
                        {canManage && !self && (
                          <button
                            type="button"
                            className={u.active ? 'button small danger' : 'button small'}
                            onClick={() => void patchUser(u, { active: !u.active }, u.active ? `${u.name} deactivated` : `${u.name} reactivated`)}
                          >
                            {u.active ? 'Deactivate' : 'Reactivate'}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canManage && <InviteForm onInvited={(inv) => invites.setData((prev) => ({ items: [inv, ...(prev?.items ?? [])] }))} />}

      <section className="panel" aria-labelledby="invites-h">
        <h2 id="invites-h">Pending invites</h2>
        {invites.error ? (
          <ErrorState error={invites.error} onRetry={invites.reload} />
        ) : !invites.data ? (
          <Spinner />
        ) : !pending.length ? (
          <EmptyState title="No pending invites" />
        ) : (
          <ul className="simple-list">
            {pending.map((i) => (
              <li key={i.id}>
                <div>
                  <strong>{i.email}</strong> <span className="muted">as {ROLE_LABEL[i.role]}</span>
                  <div className="muted small" title={fullTime(i.expiresAt)}>
                    Sent {relativeTime(i.createdAt, now)} · expires {relativeTime(i.expiresAt, now)}
                  </div>
                </div>
                {canManage && (
                  <button type="button" className="button small" onClick={() => void revoke(i)}>
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const FIELDS = ['email', 'role', 'name'] as const;

function InviteForm({ onInvited }: { onInvited: (i: Invite) => void }) {
  const [form, setForm] = useState({ email: '', role: 'agent' as Role, name: '' });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Invite | null>(null);
  const { errors, formError, fromError, check } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!check({ email: !EMAIL_RE.test(form.email.trim()) ? 'Enter a valid email address' : undefined })) return;
    setBusy(true);
    try {
      const inv = await api.invites.create({ email: form.email.trim(), role: form.role, ...(form.name.trim() ? { name: form.name.trim() } : {}) });
      setCreated(inv);
      onInvited(inv);
      setForm({ email: '', role: form.role, name: '' });
    } catch (err) {
      fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="invite-h">
      <h2 id="invite-h">Invite a teammate</h2>
      <form onSubmit={submit} noValidate className="invite-form">
        <FormError message={formError} />
        <TextField label="Email" name="email" type="email" value={form.email} onChange={set('email')} error={errors.email} />
        <TextField label="Name (optional)" name="name" value={form.name} onChange={set('name')} error={errors.name} />
        <SelectField label="Role" name="role" value={form.role} onChange={set('role')} error={errors.role} options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
        <div className="field field-submit">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Inviting…' : 'Send invite'}
          </button>
        </div>
      </form>
      {created?.acceptUrl && (
        <div className="secret-box" role="status">
          <p>
            Invite created for <strong>{created.email}</strong>.{' '}
            {created.emailed ? 'We emailed them this link; you can also pass it on yourself:' : 'Send them this link to join (set up an email mailbox to have invites sent for you):'}
          </p>
          <div className="secret-row">
            <code className="secret" data-testid="invite-link">
              {absolute(created.acceptUrl)}
            </code>
            <CopyButton text={absolute(created.acceptUrl)} label="Copy link" />
          </div>
        </div>
      )}
    </section>
  );
}
