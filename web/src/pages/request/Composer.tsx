import { forwardRef, useEffect, useState, type KeyboardEvent } from 'react';
import type { Message, RequestStatus } from '@fitdesk/contracts';
import { api } from '../../api';
import { useToast } from '../../ui/toast';

type Mode = 'outbound' | 'note';

interface Props {
  requestId: string;
  mode: Mode;
  onModeChange: (m: Mode) => void;
  onSent: (message: Message, status: RequestStatus | undefined) => void;
  disabled?: boolean;
  /** Text to put in the reply draft (a template chosen elsewhere); a new `key` replaces the draft. */
  prefill?: { text: string; key: number };
}

export const COMPOSER_ID = 'composer-body';

/** Reply or note; replies can set the status in the same step (send & wait / send & resolve). */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ requestId, mode, onModeChange, onSent, disabled, prefill }, ref) {
  const toast = useToast();
  const [drafts, setDrafts] = useState<Record<Mode, string>>({ outbound: '', note: '' });
  const [busy, setBusy] = useState(false);
  const body = drafts[mode];
  useEffect(() => {
    if (prefill) setDrafts((d) => ({ ...d, outbound: prefill.text }));
  }, [prefill]);

  const send = async (status?: RequestStatus) => {
    if (!body.trim() || busy) return;
    setBusy(true);
    try {
      const message = await api.requests.addMessage(requestId, { direction: mode, body, ...(status ? { status } : {}) });
      setDrafts((d) => ({ ...d, [mode]: '' }));
      onSent(message, status);
      toast.success(mode === 'note' ? 'Note added' : status ? `Reply sent, status set to ${status === 'waiting' ? 'waiting on client' : status}` : 'Reply sent');
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      void send();
    }
    if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
  };

  return (
    <section className={mode === 'note' ? 'composer composer-note' : 'composer'} aria-label="Compose">
      <div className="composer-tabs" role="tablist" aria-label="Message kind">
        <button type="button" role="tab" id="tab-reply" aria-selected={mode === 'outbound'} aria-controls="composer-panel" className={mode === 'outbound' ? 'tab active' : 'tab'} onClick={() => onModeChange('outbound')}>
          Reply
        </button>
        <button type="button" role="tab" id="tab-note" aria-selected={mode === 'note'} aria-controls="composer-panel" className={mode === 'note' ? 'tab active' : 'tab'} onClick={() => onModeChange('note')}>
          Internal note
        </button>
      </div>
      <div id="composer-panel" role="tabpanel" aria-labelledby={mode === 'note' ? 'tab-note' : 'tab-reply'}>
        <label htmlFor={COMPOSER_ID} className="visually-hidden">
          {mode === 'note' ? 'Internal note (only your team sees it)' : 'Reply to the client'}
        </label>
        <textarea
          ref={ref}
          id={COMPOSER_ID}
          rows={5}
          value={body}
          disabled={disabled}
          placeholder={mode === 'note' ? 'Only your team sees notes…' : 'Write a reply to the client…'}
          onChange={(e) => setDrafts((d) => ({ ...d, [mode]: e.target.value }))}
          onKeyDown={onKeyDown}
        />
        <div className="composer-actions">
          <span className="muted kbd-hint">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send
          </span>
          <div className="button-row">
            {mode === 'outbound' ? (
              <>
                <button type="button" className="button" disabled={busy || !body.trim() || disabled} onClick={() => void send('resolved')}>
                  Send &amp; resolve
                </button>
                <button type="button" className="button" disabled={busy || !body.trim() || disabled} onClick={() => void send('waiting')}>
                  Send &amp; wait on client
                </button>
                <button type="button" className="button primary" disabled={busy || !body.trim() || disabled} onClick={() => void send()}>
                  {busy ? 'Sending…' : 'Send reply'}
                </button>
              </>
            ) : (
              <button type="button" className="button primary" disabled={busy || !body.trim() || disabled} onClick={() => void send()}>
                {busy ? 'Saving…' : 'Add note'}
              </button>
            )}
          </div>
        </div>
      </div>
    </section>
  );
});
