import { useState, type FormEvent } from 'react';
import type { AgreementInput } from '@fitdesk/contracts';
import { isApiError } from '../../api';
import { FormError } from '../auth/AuthLayout';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_LABEL: Record<(typeof DAYS)[number], string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const PRIOS = ['low', 'normal', 'high', 'urgent'] as const;
const CHANNELS = ['email', 'portal', 'form', 'api', 'phone', 'sms'] as const;

export const DEFAULT_TERMS: AgreementInput = {
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open: '09:00', close: '17:00' }]])),
  holidays: [],
  aroundTheClock: [],
  channels: ['email', 'portal'],
  firstResponseMinutes: { low: 960, normal: 480, high: 240, urgent: 60 },
  resolutionMinutes: { low: 4800, normal: 2400, high: 960, urgent: 480 },
  inScope: [],
  outOfScope: [],
  groundRules: [],
  refundPolicy: { kind: 'full_then_prorated', guaranteeDays: 30, description: '' },
};

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** Form state as text fields, so a person can type "09:00-12:00, 13:00-17:00" for a day. */
function toForm(t: AgreementInput) {
  return {
    timezone: t.timezone,
    hours: Object.fromEntries(DAYS.map((d) => [d, (t.hours[d] ?? []).map((r) => `${r.open}-${r.close}`).join(', ')])) as Record<(typeof DAYS)[number], string>,
    holidays: (t.holidays ?? []).map((h) => `${h.date}${h.name ? ` ${h.name}` : ''}`).join('\n'),
    aroundTheClock: (t.aroundTheClock ?? []).join('\n'),
    channels: t.channels ?? ['email', 'portal'],
    first: { ...t.firstResponseMinutes },
    resolution: t.resolutionMinutes ? { ...t.resolutionMinutes } : null,
    inScope: (t.inScope ?? []).join('\n'),
    outOfScope: (t.outOfScope ?? []).join('\n'),
    groundRules: (t.groundRules ?? []).join('\n'),
    refundKind: t.refundPolicy?.kind ?? 'none',
    guaranteeDays: t.refundPolicy?.guaranteeDays ?? 0,
    refundText: t.refundPolicy?.description ?? '',
  };
}

function fromForm(f: ReturnType<typeof toForm>): AgreementInput {
  return {
    timezone: f.timezone.trim(),
    hours: Object.fromEntries(
      DAYS.map((d) => [
        d,
        f.hours[d]
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map((r) => {
            const [open = '', close = ''] = r.split('-').map((x) => x.trim());
            return { open, close };
          }),
      ]),
    ),
    holidays: lines(f.holidays).map((l) => {
      const [date = '', ...name] = l.split(/\s+/);
      return name.length ? { date, name: name.join(' ') } : { date };
    }),
    aroundTheClock: lines(f.aroundTheClock),
    channels: f.channels,
    firstResponseMinutes: f.first,
    ...(f.resolution ? { resolutionMinutes: f.resolution } : {}),
    inScope: lines(f.inScope),
    outOfScope: lines(f.outOfScope),
    groundRules: lines(f.groundRules),
    refundPolicy: { kind: f.refundKind, guaranteeDays: Number(f.guaranteeDays) || 0, description: f.refundText },
  };
}

/**
 * Edits an agreement's terms: hours per weekday in the agreement's timezone, holidays,
 * promises per priority in business minutes, scope, ground rules and the refund policy.
 */
export function AgreementForm({ initial, submitLabel, onSubmit, extra }: { initial: AgreementInput; submitLabel: string; onSubmit: (terms: AgreementInput) => Promise<void>; extra?: React.ReactNode }) {
  const [f, setF] = useState(() => toForm(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((prev) => ({ ...prev, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(fromForm(f));
    } catch (err) {
      setError(isApiError(err) ? (err.field ? `${err.field}: ${err.message}` : err.message) : 'Could not save');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack agreement-form" onSubmit={submit} noValidate>
      <FormError message={error ?? undefined} />
      {extra}
      <div className="field">
        <label htmlFor="ag-tz">Timezone (IANA)</label>
        <input id="ag-tz" value={f.timezone} onChange={(e) => set('timezone', e.target.value)} placeholder="Europe/London" />
      </div>
      <fieldset className="field">
        <legend>Service hours (e.g. 09:00-17:00, empty = closed)</legend>
        <div className="grid-2">
          {DAYS.map((d) => (
            <label key={d} className="inline-field">
              <span>{DAY_LABEL[d]}</span>
              <input aria-label={`${DAY_LABEL[d]} hours`} value={f.hours[d]} onChange={(e) => set('hours', { ...f.hours, [d]: e.target.value })} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>First response, business minutes per priority</legend>
        <div className="grid-4">
          {PRIOS.map((p) => (
            <label key={p} className="inline-field">
              <span>{p}</span>
              <input type="number" min={1} aria-label={`First response ${p}`} value={f.first[p]} onChange={(e) => set('first', { ...f.first, [p]: Number(e.target.value) })} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>
          <label>
            <input type="checkbox" checked={!!f.resolution} onChange={(e) => set('resolution', e.target.checked ? { low: 4800, normal: 2400, high: 960, urgent: 480 } : null)} /> Resolution, business
            minutes per priority
          </label>
        </legend>
        {f.resolution && (
          <div className="grid-4">
            {PRIOS.map((p) => (
              <label key={p} className="inline-field">
                <span>{p}</span>
                <input type="number" min={1} aria-label={`Resolution ${p}`} value={f.resolution![p]} onChange={(e) => set('resolution', { ...f.resolution!, [p]: Number(e.target.value) })} />
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset className="field">
        <legend>Channels</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="checkbox-inline">
            <input type="checkbox" checked={f.channels.includes(c)} onChange={(e) => set('channels', e.target.checked ? [...f.channels, c] : f.channels.filter((x) => x !== c))} /> {c}
          </label>
        ))}
      </fieldset>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="ag-in">In scope (one per line)</label>
          <textarea id="ag-in" rows={4} value={f.inScope} onChange={(e) => set('inScope', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ag-out">Out of scope (one per line)</label>
          <textarea id="ag-out" rows={4} value={f.outOfScope} onChange={(e) => set('outOfScope', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ag-rules">Ground rules (one per line)</label>
          <textarea id="ag-rules" rows={4} value={f.groundRules} onChange={(e) => set('groundRules', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ag-hol">Holidays (YYYY-MM-DD name, one per line)</label>
          <textarea id="ag-hol" rows={4} value={f.holidays} onChange={(e) => set('holidays', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ag-atc">Answered around the clock (categories, one per line)</label>
          <textarea id="ag-atc" rows={2} value={f.aroundTheClock} onChange={(e) => set('aroundTheClock', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ag-refund">Refund policy</label>
          <select id="ag-refund" value={f.refundKind} onChange={(e) => set('refundKind', e.target.value as typeof f.refundKind)}>
            <option value="full_then_prorated">Full within the guarantee, prorated after</option>
            <option value="full_then_none">Full within the guarantee, none after</option>
            <option value="prorated">Prorated</option>
            <option value="none">None</option>
          </select>
          <label className="inline-field">
            <span>Guarantee days</span>
            <input type="number" min={0} aria-label="Guarantee days" value={f.guaranteeDays} onChange={(e) => set('guaranteeDays', Number(e.target.value))} />
          </label>
          <input aria-label="Refund policy in words" placeholder="In plain words (optional)" value={f.refundText} onChange={(e) => set('refundText', e.target.value)} />
        </div>
      </div>
      <div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
