import { useEffect, useState, type FormEvent } from 'react';
import type { IntakeAnswers, IntakeQuestion } from './lifecycle-api';
import { QuestionInput } from './QuestionInput';
import './lifecycle.css';

interface Form {
  workspaceName: string;
  questions: IntakeQuestion[];
}

/** The public intake form of a workspace (no login): questions come from its ideal-client profile. */
export function ApplyPage({ slug }: { slug: string }) {
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<IntakeAnswers>({});
  const [who, setWho] = useState({ name: '', email: '', company: '', referredBy: '', website: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch(`/api/public/intake/${encodeURIComponent(slug)}`)
      .then(async (r) => (r.ok ? setForm((await r.json()) as Form) : setLoadError(r.status === 404 ? 'This intake form does not exist.' : 'The form could not be loaded.')))
      .catch(() => setLoadError('Could not reach the server.'));
  }, [slug]);

  useEffect(() => {
    document.title = form ? `Apply · ${form.workspaceName}` : 'Apply';
  }, [form]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = { name: who.name, email: who.email, answers, ...(who.company ? { company: who.company } : {}), ...(who.referredBy ? { referredBy: who.referredBy } : {}), ...(who.website ? { website: who.website } : {}) };
      const res = await fetch(`/api/public/intake/${encodeURIComponent(slug)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const data = (await res.json().catch(() => null)) as { message?: string; error?: { message: string; field?: string } } | null;
      if (res.ok) setDone(data?.message ?? 'Thank you.');
      else if (res.status === 429) setErrors({ form: 'Too many submissions. Please wait a minute and try again.' });
      else setErrors({ [data?.error?.field?.replace(/^answers\./, '') ?? 'form']: data?.error?.message?.replace(/^[\w.]+: /, '') ?? 'Please check the form.' });
    } catch {
      setErrors({ form: 'Could not reach the server.' });
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <main className="apply-page"><p role="alert">{loadError}</p></main>;
  if (!form) return <main className="apply-page"><p>Loading…</p></main>;
  if (done)
    return (
      <main className="apply-page">
        <h1>{form.workspaceName}</h1>
        <p role="status" data-testid="apply-done">{done}</p>
      </main>
    );
  const text = (key: keyof typeof who, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`who-${key}`}>{label}</label>
      <input id={`who-${key}`} type={type} value={who[key]} aria-invalid={!!errors[key]} onChange={(e) => setWho({ ...who, [key]: e.target.value })} />
      {errors[key] && <p className="field-error" role="alert">{errors[key]}</p>}
    </div>
  );
  return (
    <main className="apply-page">
      <h1>Work with {form.workspaceName}</h1>
      <p className="muted">Tell us about you and what you need. We read every answer and reply personally.</p>
      <form onSubmit={submit} noValidate>
        {text('name', 'Your name *')}
        {text('email', 'Email *', 'email')}
        {text('company', 'Company')}
        {form.questions.map((q) => (
          <QuestionInput key={q.key} q={q} value={answers[q.key]} error={errors[q.key]} onChange={(v) => setAnswers({ ...answers, [q.key]: v })} />
        ))}
        {text('referredBy', 'Who referred you? (optional)')}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="who-website">Website</label>
          <input id="who-website" tabIndex={-1} autoComplete="off" value={who.website} onChange={(e) => setWho({ ...who, website: e.target.value })} />
        </div>
        {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
        <div className="button-row end">
          <button type="submit" className="button primary" disabled={busy}>
            Send application
          </button>
        </div>
      </form>
    </main>
  );
}
