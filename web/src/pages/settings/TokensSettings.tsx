import { useState, type FormEvent } from 'react';
import type { ApiToken } from '@fitdesk/contracts';
import { api } from '../../api';
import { useFormErrors } from '../../lib/formErrors';
import { fullTime, relativeTime } from '../../lib/format';
import { useAsync, useNow } from '../../lib/useAsync';
import { TextField } from '../../ui/Field';
import { CopyButton, EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

const FIELDS = ['name'] as const;

export function TokensSettings() {
  const toast = useToast();
  const now = useNow();
  const tokens = useAsync((signal) => api.tokens.list(signal), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<ApiToken | null>(null);
  const { errors, formError, fromError, check } = useFormErrors(FIELDS);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!check({ name: !name.trim() ? 'Name the token after what will use it' : undefined })) return;
    setBusy(true);
    try {
      const t = await api.tokens.create(name.trim());
      setSecret(t);
      setName('');
      tokens.setData((prev) => ({ items: [{ ...t, token: undefined }, ...(prev?.items ?? [])] }));
    } catch (err) {
      fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (t: ApiToken) => {
    if (!window.confirm(`Revoke “${t.name}”? Anything using it stops working at once.`)) return;
    try {
      await api.tokens.revoke(t.id);
      tokens.setData((prev) => (prev ? { items: prev.items.map((x) => (x.id === t.id ? { ...x, revokedAt: new Date().toISOString() } : x)) } : prev));
      if (secret?.id === t.id) setSecret(null);
      toast.success(`${t.name} revoked`);
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <div className="stack-lg">
      <section className="panel" aria-labelledby="new-token-h">
        <h2 id="new-token-h">Create an API token</h2>
        <p className="muted">Tokens let scripts and integrations use the REST API as you. Send one in the <code>Authorization: Bearer</code> header.</p>
        <form onSubmit={create} noValidate className="inline-form">
          <FormError message={formError} />
          <TextField label="Token name" name="name" placeholder="e.g. Billing sync" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <div className="field field-submit">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create token'}
            </button>
          </div>
        </form>
        {secret?.token && (
          <div className="secret-box" role="status">
            <p>
              <strong>Copy this token now.</strong> It is shown once and cannot be seen again.
            </p>
            <div className="secret-row">
              <code className="secret" data-testid="token-secret">
                {secret.token}
              </code>
              <CopyButton text={secret.token} />
            </div>
            <button type="button" className="link-button" onClick={() => setSecret(null)}>
              I have saved it
            </button>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="tokens-h">
        <h2 id="tokens-h">Tokens</h2>
        {tokens.error ? (
          <ErrorState error={tokens.error} onRetry={tokens.reload} />
        ) : !tokens.data ? (
          <Spinner />
        ) : !tokens.data.items.length ? (
          <EmptyState title="No tokens yet" />
        ) : (
          <div className="table-wrap">
            <table className="table table-stack">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="hide-phone">
                    Created
                  </th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((t) => (
                  <tr key={t.id} className={t.revokedAt ? 'inactive' : ''}>
                    <td>
                      <strong>{t.name}</strong>
                      <div className="muted small">
                        <code>{t.prefix}…</code>
                      </div>
                    </td>
                    <td className="hide-phone" title={fullTime(t.createdAt)}>
                      {relativeTime(t.createdAt, now)}
                    </td>
                    <td>{t.lastUsedAt ? relativeTime(t.lastUsedAt, now) : <span className="muted">Never</span>}</td>
                    <td className="actions">
                      {t.revokedAt ? (
                        <span className="badge">Revoked</span>
                      ) : (
                        <button type="button" className="button small danger" onClick={() => void revoke(t)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
