import { useState } from 'react';
import { useAsync, useNow } from '../lib/useAsync';
import { useToast } from '../ui/toast';
import { lifecycle } from '../pages/intake/lifecycle-api';

/** Request view: start/stop a timer and log minutes by hand; the total feeds the client's effort vs value. */
export function TimeTracker({ requestId, canEdit }: { requestId: string; canEdit: boolean }) {
  const toast = useToast();
  const now = useNow(15_000);
  const t = useAsync((signal) => lifecycle.time(requestId, signal), [requestId]);
  const [minutes, setMinutes] = useState('');
  const s = t.data;
  const act = async (fn: () => Promise<NonNullable<typeof s>>) => {
    try {
      t.setData(await fn());
    } catch (e) {
      toast.error(e);
    }
  };
  const running = s?.running ? Math.max(0, Math.round((now - Date.parse(s.running.startedAt)) / 60_000)) : null;
  return (
    <section className="panel" aria-labelledby="time-h">
      <h2 id="time-h">Time</h2>
      <p data-testid="time-total">{s ? `${Math.floor(s.totalMinutes / 60)} h ${s.totalMinutes % 60} min logged` : '…'}{running !== null ? ` · timer running (${running} min)` : ''}</p>
      {canEdit && s && (
        <>
          <div className="button-row">
            {s.running ? (
              <button type="button" className="button" onClick={() => act(() => lifecycle.stopTimer(requestId))}>Stop timer</button>
            ) : (
              <button type="button" className="button" onClick={() => act(() => lifecycle.startTimer(requestId))}>Start timer</button>
            )}
          </div>
          <form className="button-row" onSubmit={(e) => {
            e.preventDefault();
            const m = Number(minutes);
            if (!Number.isInteger(m) || m < 1) return toast.error(new Error('Enter whole minutes (1 or more)'));
            void act(() => lifecycle.logTime(requestId, m, '')).then(() => setMinutes(''));
          }}>
            <label htmlFor="log-minutes" className="sr-only">Minutes</label>
            <input id="log-minutes" inputMode="numeric" placeholder="min" size={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
            <button type="submit" className="button subtle">Log minutes</button>
          </form>
        </>
      )}
    </section>
  );
}
