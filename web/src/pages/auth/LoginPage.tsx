import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { EMAIL_RE, useFormErrors } from '../../lib/formErrors';
import { Link, navigate, useLocation } from '../../router';
import { useSessionState } from '../../session';
import { TextField } from '../../ui/Field';
import { AuthLayout, FormError } from './AuthLayout';

const FIELDS = ['email', 'password'] as const;

/** Only same-site paths are followed after login, never an absolute URL from the query string. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox';
}

export function LoginPage() {
  const { signedIn } = useSessionState();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, formError, fromError, check } = useFormErrors(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = check({
      email: !email.trim() ? 'Enter your email' : !EMAIL_RE.test(email.trim()) ? 'Enter a valid email address' : undefined,
      password: !password ? 'Enter your password' : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const s = await api.auth.login({ email: email.trim(), password });
      signedIn(s);
      navigate(safeNext(query.get('next')), { replace: true });
    } catch (err) {
      fromError(err);
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back to your desk."
      footer={
        <>
          New here? <Link to="/signup">Create a workspace</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate className="stack">
        <FormError message={formError} />
        <TextField label="Email" type="email" name="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField label="Password" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
        <button type="submit" className="button primary block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
