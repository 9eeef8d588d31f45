import { useEffect, useMemo, useState } from 'react';
import { useAsync } from '../../lib/useAsync';
import { ErrorState, Spinner } from '../../ui/misc';
import { errorMessage, useToast } from '../../ui/toast';
import { lifecycle, type FitResult, type IntakeAnswers, type IntakeQuestion, type Lookalike, type Profile } from './lifecycle-api';
import { QuestionInput } from './QuestionInput';
import { Reasons, ScoreChip } from './Scores';
import { SettingsPanel } from './SettingsPanel';

/** Owner's profile editor (criteria as JSON) with a live preview of how a sample answer scores, and the letter templates. */
export function IntakeProfilePage() {
  const toast = useToast();
  const data = useAsync((signal) => lifecycle.profile(signal), []);
  const [draft, setDraft] = useState('');
  const [answers, setAnswers] = useState<IntakeAnswers>({});
  const [preview, setPreview] = useState<{ fit: FitResult; lookalike: Lookalike | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (data.data && !draft) setDraft(JSON.stringify(data.data.profile, null, 2));
  }, [data.data, draft]);

  const parsed = useMemo((): { profile?: Profile; error?: string } => {
    if (!draft) return {};
    try {
      return { profile: JSON.parse(draft) as Profile };
    } catch (e) {
      return { error: `Not valid JSON: ${(e as Error).message}` };
    }
  }, [draft]);
  const questions: IntakeQuestion[] = data.data?.questions ?? [];

  useEffect(() => {
    if (!parsed.profile) return;
    const h = setTimeout(() => {
      lifecycle.preview(answers, parsed.profile).then(
        (p) => {
          setPreview(p);
          setProblem(null);
        },
        (e: unknown) => setProblem(errorMessage(e)),
      );
    }, 350);
    return () => clearTimeout(h);
  }, [answers, parsed.profile]);

  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Spinner />;
  const publicUrl = `${window.location.origin}${data.data.publicUrl}`;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Ideal-client profile</h1>
          <p className="muted">
            Public intake form: <a href={data.data.publicUrl} target="_blank" rel="noreferrer" data-testid="public-intake-link">{publicUrl}</a>
          </p>
        </div>
        <button
          type="button"
          className="button primary"
          disabled={!parsed.profile}
          onClick={async () => {
            try {
              const saved = await lifecycle.saveProfile(parsed.profile!);
              data.setData(saved);
              toast.success('Profile saved');
            } catch (e) {
              toast.error(errorMessage(e));
            }
          }}
        >
          Save profile
        </button>
      </div>
      <div className="lifecycle-grid">
        <section className="panel">
          <h2>Criteria</h2>
          <p className="muted small">Each criterion reads one answer: <code>range</code> (min/max), <code>choice</code> (accepted, partial) or <code>text</code> (phrases matched by meaning); kind must_have, nice_to_have or red_flag, with a weight.</p>
          <textarea aria-label="Profile JSON" rows={28} spellCheck={false} style={{ width: '100%', fontFamily: 'monospace', fontSize: '0.8rem' }} value={draft} onChange={(e) => setDraft(e.target.value)} />
          {parsed.error && <p className="field-error" role="alert">{parsed.error}</p>}
        </section>
        <section className="panel">
          <h2>Try a sample answer</h2>
          {questions.map((q) => (
            <QuestionInput key={q.key} q={q} value={answers[q.key]} onChange={(v) => setAnswers({ ...answers, [q.key]: v })} />
          ))}
          <h3>Preview</h3>
          {problem && <p className="field-error" role="alert">{problem}</p>}
          {preview && (
            <div data-testid="fit-preview">
              <p>
                <ScoreChip score={preview.fit.score} band={preview.fit.band} /> recommendation <strong>{preview.fit.recommendation}</strong>
                {preview.lookalike && <span className="muted"> · lookalike {preview.lookalike.score}</span>}
              </p>
              <Reasons reasons={preview.fit.reasons} />
              {preview.fit.recommendationReasons.map((r) => (
                <p key={r} className="muted small">{r}</p>
              ))}
            </div>
          )}
        </section>
      </div>
      <SettingsPanel />
    </div>
  );
}
