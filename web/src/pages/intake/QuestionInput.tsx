import type { IntakeAnswers, IntakeQuestion } from './lifecycle-api';

/** One intake question as a form control (number, choice, multi-choice, text). */
export function QuestionInput({ q, value, onChange, error }: { q: IntakeQuestion; value: IntakeAnswers[string] | undefined; onChange: (v: IntakeAnswers[string]) => void; error?: string | undefined }) {
  const id = `q-${q.key}`;
  const label = `${q.prompt}${q.unit ? ` (${q.unit})` : ''}${q.required ? ' *' : ''}`;
  let control;
  if (q.type === 'number') {
    control = <input id={id} type="number" value={typeof value === 'number' ? value : ''} aria-invalid={!!error} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />;
  } else if (q.type === 'choice') {
    control = (
      <select id={id} value={typeof value === 'string' ? value : ''} aria-invalid={!!error} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">Choose…</option>
        {(q.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (q.type === 'multi_choice') {
    const vals = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field">
        <legend>{label}</legend>
        <div className="check-list">
          {(q.options ?? []).map((o) => (
            <label key={o}>
              <input type="checkbox" checked={vals.includes(o)} onChange={(e) => onChange(e.target.checked ? [...vals, o] : vals.filter((x) => x !== o))} /> {o}
            </label>
          ))}
        </div>
        {error && <p className="field-error" role="alert">{error}</p>}
      </fieldset>
    );
  } else {
    control = <textarea id={id} rows={3} value={typeof value === 'string' ? value : ''} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {q.help && <p className="muted small">{q.help}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
