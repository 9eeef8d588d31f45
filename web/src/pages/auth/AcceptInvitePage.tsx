import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useFormErrors } from '../../lib/formErrors';
import { navigate } from '../../router';
import { useSessionState } from '../../session';
import { TextField } from '../../ui/Field';
import { AuthLayout, FormError } from './AuthLayout';

const FIELDS = ['name', 'password', 'token'] as const;

export function AcceptInvitePage({ token }: { token: string }) {
  const { session, signedIn } = useSessionState();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, formError, fromError, check } = useFormErrors(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = check({
      name: !name.trim() ? 'Enter your name' : undefined,
      password: password.length < 10 ? 'Use at least 10 characters' : undefined,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const s = await api.auth.acceptInvite({ token, name: name.trim(), password });
      signedIn(s);
      navigate('/inbox', { replace: true });
    } catch (err) {
      fromError(err);
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Join your team" subtitle="You were invited to a fitdesk workspace. Choose your name and a password to join.">
      <form onSubmit={submit} noValidate className="stack">
        {session && (
          <div className="notice">
            You are signed in as {session.user.email}. Accepting signs you in as the invited person instead.
          </div>
        )}
        <FormError message={errors.token ? `This invite link does not work: ${errors.token}` : formError} />
        <TextField label="Your name" name="name" autoComplete="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <TextField label="Password" type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint="At least 10 characters." />
        <button type="submit" className="button primary block" disabled={busy}>
          {busy ? 'Joining…' : 'Join workspace'}
        </button>
      </form>
    </AuthLayout>
  );
}
