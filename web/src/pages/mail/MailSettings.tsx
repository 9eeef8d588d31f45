import './mail.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useFormErrors } from '../../lib/formErrors';
import { fullTime, relativeTime } from '../../lib/format';
import { useAsync, useNow } from '../../lib/useAsync';
import { TextField } from '../../ui/Field';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';
import { mailApi, type Mailbox, type MailboxCreate, type MailHealth } from './mailApi';

const FIELDS = ['address', 'fromAddress', 'fromName', 'reopenWindowDays', 'smtpHost', 'smtpPort', 'smtpUser', 'smtpPassword', 'imapHost', 'imapPort', 'imapUser', 'imapPassword', 'imapFolder'] as const;

interface Form {
  address: string;
  fromAddress: string;
  fromName: string;
  reopenWindowDays: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPassword: string;
  imapEnabled: boolean;
  imapHost: string;
  imapPort: string;
  imapTls: boolean;
  imapUser: string;
  imapPassword: string;
  imapFolder: string;
}

const blank: Form = { address: '', fromAddress: '', fromName: '', reopenWindowDays: '30', smtpHost: '', smtpPort: '', smtpSecure: false, smtpUser: '', smtpPassword: '', imapEnabled: false, imapHost: '', imapPort: '', imapTls: true, imapUser: '', imapPassword: '', imapFolder: 'INBOX' };
const fromMailbox = (m: Mailbox): Form => ({
  address: m.address,
  fromAddress: m.fromAddress,
  fromName: m.fromName,
  reopenWindowDays: String(m.reopenWindowDays),
  smtpHost: m.smtpHost ?? '',
  smtpPort: m.smtpPort ? String(m.smtpPort) : '',
  smtpSecure: m.smtpSecure,
  smtpUser: m.smtpUser ?? '',
  smtpPassword: '',
  imapEnabled: m.imapEnabled,
  imapHost: m.imapHost ?? '',
  imapPort: m.imapPort ? String(m.imapPort) : '',
  imapTls: m.imapTls,
  imapUser: m.imapUser ?? '',
  imapPassword: '',
  imapFolder: m.imapFolder,
});
const num = (s: string) => (s.trim() ? Number(s) : null);

/** Email settings: mailboxes (inbound address, From, SMTP out, IMAP in) with live status and a test send. */
export function MailSettings() {
  const toast = useToast();
  const now = useNow();
  const boxes = useAsync((signal) => mailApi.mailboxes(signal), []);
  const [health, setHealth] = useState<MailHealth | null>(null);
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const [testTo, setTestTo] = useState('');

  // Live status: poll the health endpoint while the page is open.
  useEffect(() => {
    let alive = true;
    const load = () => mailApi.health().then((h) => alive && setHealth(h), () => undefined);
    load();
    const t = window.setInterval(load, 5000);
    return () => {
      alive = false;
      window.clearInterval(t);
    };
  }, []);

  const sendTest = async (m: Mailbox) => {
    try {
      const o = await mailApi.sendTest(m.id, testTo.trim() || undefined);
      toast.success(`Test message queued to ${o.toAddresses.join(', ')} — see the Outbox tab`);
    } catch (e) {
      toast.error(e);
    }
  };
  const remove = async (m: Mailbox) => {
    if (!window.confirm(`Delete the mailbox ${m.address}? Mail to it will be refused.`)) return;
    try {
      await mailApi.deleteMailbox(m.id);
      boxes.reload();
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <div className="stack-lg mail-page">
      <HealthPanel health={health} />
      <section className="panel" aria-labelledby="mailboxes-h">
        <div className="row-between">
          <h2 id="mailboxes-h">Mailboxes</h2>
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            Add mailbox
          </button>
        </div>
        <p className="muted">
          Point your MX record (or a forward) at fitdesk's SMTP server, or let fitdesk poll an existing mailbox over IMAP. Replies go out through the mailbox's SMTP server; without one they are written to the outbox folder (development).
        </p>
        <TextField label="Send test messages to" name="testTo" placeholder="defaults to the mailbox's own address" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
        {boxes.loading && !boxes.data ? (
          <Spinner />
        ) : boxes.error ? (
          <ErrorState error={boxes.error} onRetry={boxes.reload} />
        ) : !boxes.data?.items.length ? (
          <EmptyState title="No mailbox yet">Add the address your clients write to.</EmptyState>
        ) : (
          <ul className="plain-list stack">
            {boxes.data.items.map((m) => {
              const h = health?.mailboxes.find((x) => x.id === m.id);
              const status = h?.imapStatus ?? m.imapStatus;
              return (
                <li key={m.id} className="card" data-testid="mailbox">
                  <div className="row-between">
                    <div>
                      <strong>{m.address}</strong> <span className="muted">replies from {m.fromName ? `${m.fromName} <${m.fromAddress}>` : m.fromAddress}</span>
                      <div className="small muted">
                        Outbound: {m.outbound === 'smtp' ? `SMTP ${m.smtpHost}:${m.smtpPort ?? (m.smtpSecure ? 465 : 587)}` : 'outbox folder (development)'} · a reply reopens a resolved request for {m.reopenWindowDays} days
                      </div>
                      {m.imapEnabled && (
                        <div className="small" role="status">
                          IMAP {m.imapUser}@{m.imapHost}/{m.imapFolder}:{' '}
                          <span className={status === 'error' ? 'text-danger' : 'text-ok'}>{status === 'error' ? 'error' : 'ok'}</span>
                          {(h?.imapLastError ?? m.imapLastError) && <> — {h?.imapLastError ?? m.imapLastError}</>}
                          {(h?.imapLastSuccessAt ?? m.imapLastSuccessAt) && <> · last fetched {relativeTime((h?.imapLastSuccessAt ?? m.imapLastSuccessAt)!, now)}</>}
                          {(h?.imapNextPollAt ?? m.imapNextPollAt) && <> · next poll {fullTime((h?.imapNextPollAt ?? m.imapNextPollAt)!)}</>}
                        </div>
                      )}
                    </div>
                    <div className="row">
                      <button type="button" className="button" onClick={() => void sendTest(m)}>
                        Send test message
                      </button>
                      <button type="button" className="button" onClick={() => setEditing(m)}>
                        Edit
                      </button>
                      <button type="button" className="button danger" onClick={() => void remove(m)}>
                        Delete
                      </button>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {editing && (
        <MailboxForm
          key={editing === 'new' ? 'new' : editing.id}
          mailbox={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            boxes.reload();
          }}
        />
      )}
    </div>
  );
}

function HealthPanel({ health }: { health: MailHealth | null }) {
  if (!health) return null;
  return (
    <section className="panel" aria-labelledby="mail-health-h" data-testid="mail-health">
      <h2 id="mail-health-h">Status {health.ok ? <span className="text-ok">· all good</span> : <span className="text-danger">· needs attention</span>}</h2>
      <ul className="plain-list small">
        <li>
          Inbound SMTP: {health.smtp.error ? <span className="text-danger">{health.smtp.error}</span> : health.smtp.runningHere ? `listening on ${health.smtp.host}:${health.smtp.port}` : `runs in the mail role (${health.smtp.host}:${health.smtp.port})`}
        </li>
        <li>
          Received in the last 24 h: {health.inbound.last24h}
          {health.inbound.failed > 0 && <span className="text-danger"> · {health.inbound.failed} could not be processed (kept raw, sender told to retry)</span>}
          {health.inbound.throttled > 0 && <span> · {health.inbound.throttled} held back by the per-sender limit</span>}
        </li>
        <li>
          Outbox: {health.outbox.queued} waiting{health.outbox.oldestQueuedAt && ` (oldest ${fullTime(health.outbox.oldestQueuedAt)})`}
          {health.outbox.failed > 0 && <span className="text-danger"> · {health.outbox.failed} failed</span>}
        </li>
      </ul>
    </section>
  );
}

function MailboxForm({ mailbox, onDone }: { mailbox: Mailbox | null; onDone: () => void }) {
  const toast = useToast();
  const [f, setF] = useState<Form>(mailbox ? fromMailbox(mailbox) : blank);
  const [busy, setBusy] = useState(false);
  const { errors, formError, fromError } = useFormErrors(FIELDS);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((p) => ({ ...p, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body: MailboxCreate = {
      address: f.address.trim(),
      ...(f.fromAddress.trim() ? { fromAddress: f.fromAddress.trim() } : {}),
      fromName: f.fromName.trim(),
      reopenWindowDays: Number(f.reopenWindowDays || 30),
      smtpHost: f.smtpHost.trim() || null,
      smtpPort: num(f.smtpPort),
      smtpSecure: f.smtpSecure,
      smtpUser: f.smtpUser.trim() || null,
      ...(f.smtpPassword ? { smtpPassword: f.smtpPassword } : {}),
      imapEnabled: f.imapEnabled,
      imapHost: f.imapHost.trim() || null,
      imapPort: num(f.imapPort),
      imapTls: f.imapTls,
      imapUser: f.imapUser.trim() || null,
      ...(f.imapPassword ? { imapPassword: f.imapPassword } : {}),
      imapFolder: f.imapFolder.trim() || 'INBOX',
    };
    try {
      if (mailbox) await mailApi.updateMailbox(mailbox.id, body);
      else await mailApi.createMailbox(body);
      toast.success(mailbox ? 'Mailbox saved' : 'Mailbox added');
      onDone();
    } catch (err) {
      fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="mailbox-form-h">
      <h2 id="mailbox-form-h">{mailbox ? `Edit ${mailbox.address}` : 'Add a mailbox'}</h2>
      <form onSubmit={submit} noValidate className="stack">
        <FormError message={formError} />
        <TextField label="Address or domain" name="address" required placeholder="support@yourpractice.example or yourpractice.example" value={f.address} onChange={(e) => set('address', e.target.value)} error={errors.address} />
        <TextField label="Replies come from" name="fromAddress" placeholder="defaults to the address" value={f.fromAddress} onChange={(e) => set('fromAddress', e.target.value)} error={errors.fromAddress} />
        <TextField label="Sender name" name="fromName" placeholder="e.g. Acme Support" value={f.fromName} onChange={(e) => set('fromName', e.target.value)} error={errors.fromName} />
        <TextField label="Reopen window (days)" name="reopenWindowDays" type="number" min={0} value={f.reopenWindowDays} onChange={(e) => set('reopenWindowDays', e.target.value)} error={errors.reopenWindowDays} hint="A reply after this opens a new, linked request instead of reopening the old one." />
        <fieldset>
          <legend>Outgoing mail (SMTP) — leave empty to write replies to the outbox folder</legend>
          <TextField label="SMTP host" name="smtpHost" value={f.smtpHost} onChange={(e) => set('smtpHost', e.target.value)} error={errors.smtpHost} />
          <TextField label="SMTP port" name="smtpPort" type="number" value={f.smtpPort} onChange={(e) => set('smtpPort', e.target.value)} error={errors.smtpPort} />
          <label className="checkbox">
            <input type="checkbox" checked={f.smtpSecure} onChange={(e) => set('smtpSecure', e.target.checked)} /> TLS from the start (port 465)
          </label>
          <TextField label="SMTP user" name="smtpUser" value={f.smtpUser} onChange={(e) => set('smtpUser', e.target.value)} error={errors.smtpUser} />
          <TextField label="SMTP password" name="smtpPassword" type="password" autoComplete="new-password" placeholder={mailbox?.hasSmtpPassword ? 'saved — type to replace' : ''} value={f.smtpPassword} onChange={(e) => set('smtpPassword', e.target.value)} error={errors.smtpPassword} />
        </fieldset>
        <fieldset>
          <legend>Fetch from an existing mailbox (IMAP)</legend>
          <label className="checkbox">
            <input type="checkbox" checked={f.imapEnabled} onChange={(e) => set('imapEnabled', e.target.checked)} /> Poll this mailbox
          </label>
          <TextField label="IMAP host" name="imapHost" value={f.imapHost} onChange={(e) => set('imapHost', e.target.value)} error={errors.imapHost} />
          <TextField label="IMAP port" name="imapPort" type="number" value={f.imapPort} onChange={(e) => set('imapPort', e.target.value)} error={errors.imapPort} />
          <label className="checkbox">
            <input type="checkbox" checked={f.imapTls} onChange={(e) => set('imapTls', e.target.checked)} /> TLS (port 993)
          </label>
          <TextField label="IMAP user" name="imapUser" value={f.imapUser} onChange={(e) => set('imapUser', e.target.value)} error={errors.imapUser} />
          <TextField label="IMAP password" name="imapPassword" type="password" autoComplete="new-password" placeholder={mailbox?.hasImapPassword ? 'saved — type to replace' : ''} value={f.imapPassword} onChange={(e) => set('imapPassword', e.target.value)} error={errors.imapPassword} />
          <TextField label="Folder" name="imapFolder" value={f.imapFolder} onChange={(e) => set('imapFolder', e.target.value)} error={errors.imapFolder} />
        </fieldset>
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : mailbox ? 'Save mailbox' : 'Add mailbox'}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
