import { useState, type KeyboardEvent } from 'react';

/** Tags as removable chips plus an input; Enter or comma adds. */
export function TagEditor({ tags, onChange, disabled }: { tags: string[]; onChange: (tags: string[]) => void | Promise<void>; disabled?: boolean }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const t = draft.trim().replace(/,/g, '');
    setDraft('');
    if (!t || tags.includes(t)) return;
    void onChange([...tags, t]);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !draft && tags.length) {
      void onChange(tags.slice(0, -1));
    }
  };
  return (
    <div className="tag-editor">
      <ul className="tags">
        {tags.map((t) => (
          <li key={t} className="tag">
            {t}
            {!disabled && (
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => void onChange(tags.filter((x) => x !== t))}>
                ×
              </button>
            )}
          </li>
        ))}
        {!tags.length && <li className="muted small">No tags</li>}
      </ul>
      {!disabled && (
        <div className="tag-input">
          <label htmlFor="tag-input" className="visually-hidden">
            Add a tag
          </label>
          <input id="tag-input" placeholder="Add a tag…" maxLength={40} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey} onBlur={() => draft.trim() && add()} />
        </div>
      )}
    </div>
  );
}
