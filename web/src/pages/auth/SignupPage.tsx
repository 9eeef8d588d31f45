import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { EMAIL_RE, useFormErrors } from '../../lib/formErrors';
import { Link, navigate } from '../../router';
import { useSessionState } from '../../session';
import { TextField } from '../../ui/Field';
import { AuthLayout, FormError } from './AuthLayout';

const FIELDS = ['workspaceName', 'name', 'email', 'password'] as const;

export function SignupPage() {
  const { signedIn } = useSessionState();
  const [form, setForm] = useState({ workspaceName: '', name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const { errors, formError, fromError, check } = useFormErrors(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = check({
      workspaceName: form.workspaceName.trim().length < 2 ? 'Name your workspace (at least 2 characters)' : undefined,
      name: !form.name.trim() ? 'Enter your name' : undefined,
      email: !EMAIL_RE.test(form.email.trim()) ? 'Enter a valid email address' : undefined,
      password: form.password.length < 10 ? 'Use at least 10 characters' : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const s = await api.auth.signup({
        workspaceName: form.workspaceName.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        // The starter SLA policy runs in the business's own timezone.
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      });
      signedIn(s);
      navigate('/inbox', { replace: true });
    } catch (err) {
      fromError(err);
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Create your workspace"
      subtitle="One desk for your clients, your team and your agreements."
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate className="stack">
        <FormError message={formError} />
        <TextField label="Workspace name" name="workspaceName" autoComplete="organization" autoFocus value={form.workspaceName} onChange={set('workspaceName')} error={errors.workspaceName} hint="Usually your business name." />
        <TextField label="Your name" name="name" autoComplete="name" value={form.name} onChange={set('name')} error={errors.name} />
        <TextField label="Email" type="email" name="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.email} />
        <TextField label="Password" type="password" name="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errors.password} hint="At least 10 characters." />
        <button type="submit" className="button primary block" disabled={busy}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
      </form>
    </AuthLayout>
  );
}
