import { useEffect, useState } from 'react';
import { useAsync } from '../../lib/useAsync';
import { Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { lifecycle, type Settings } from './lifecycle-api';

const LETTERS = [['decline', 'Decline letter'], ['farewell', 'Farewell letter'], ['clarify', 'Clarify (trust repair)']] as const;
const WEIGHTS = ['fit', 'tone', 'boundaries', 'effort', 'satisfaction', 'payments'] as const;

/** Letters with {{variables}}, the default refund policy, the review interval and the health weights. */
export function SettingsPanel() {
  const toast = useToast();
  const loaded = useAsync((signal) => lifecycle.settings(signal), []);
  const [s, setS] = useState<Settings | null>(null);
  useEffect(() => {
    if (loaded.data) setS(loaded.data);
  }, [loaded.data]);
  if (!s) return <Spinner />;
  return (
    <section className="panel" aria-labelledby="lifecycle-settings-h">
      <h2 id="lifecycle-settings-h">Letters, refund policy and review</h2>
      <p className="muted small">Variables: {'{{contact_name}} {{client_name}} {{workspace_name}} {{referrals}} {{refund}} {{reason}} {{issue}} {{agreement}}'}</p>
      <div className="lifecycle-grid">
        {LETTERS.map(([k, label]) => (
          <div key={k}>
            <div className="field">
              <label htmlFor={`tpl-${k}-subject`}>{label}: subject</label>
              <input id={`tpl-${k}-subject`} value={s.templates[k].subject} onChange={(e) => setS({ ...s, templates: { ...s.templates, [k]: { ...s.templates[k], subject: e.target.value } } })} />
            </div>
            <div className="field">
              <label htmlFor={`tpl-${k}-body`}>{label}: body</label>
              <textarea id={`tpl-${k}-body`} rows={8} value={s.templates[k].body} onChange={(e) => setS({ ...s, templates: { ...s.templates, [k]: { ...s.templates[k], body: e.target.value } } })} />
            </div>
          </div>
        ))}
      </div>
      <div className="lifecycle-grid">
        <div className="field">
          <label htmlFor="refund-kind">Default refund policy (when the agreement has none)</label>
          <select id="refund-kind" value={s.refundPolicy.kind} onChange={(e) => setS({ ...s, refundPolicy: { ...s.refundPolicy, kind: e.target.value as Settings['refundPolicy']['kind'] } })}>
            <option value="full_then_prorated">Full within the guarantee, then prorated</option>
            <option value="full_then_none">Full within the guarantee, then none</option>
            <option value="prorated">Prorated</option>
            <option value="none">None</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="refund-days">Guarantee window (days)</label>
          <input id="refund-days" type="number" min={0} value={s.refundPolicy.guaranteeDays} onChange={(e) => setS({ ...s, refundPolicy: { ...s.refundPolicy, guaranteeDays: Number(e.target.value) } })} />
        </div>
        <div className="field">
          <label htmlFor="review-days">Review queue every (days)</label>
          <input id="review-days" type="number" min={1} value={s.reviewEveryDays} onChange={(e) => setS({ ...s, reviewEveryDays: Number(e.target.value) })} />
        </div>
      </div>
      <fieldset className="field">
        <legend>Health weights (relative; missing inputs are skipped and the rest renormalised)</legend>
        <div className="lifecycle-grid">
          {WEIGHTS.map((w) => (
            <div className="field" key={w}>
              <label htmlFor={`w-${w}`}>{w}</label>
              <input id={`w-${w}`} type="number" min={0} max={100} value={s.healthWeights[w]} onChange={(e) => setS({ ...s, healthWeights: { ...s.healthWeights, [w]: Number(e.target.value) } })} />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="button-row end">
        <button
          type="button"
          className="button primary"
          onClick={async () => {
            try {
              setS(await lifecycle.updateSettings({ templates: s.templates, refundPolicy: s.refundPolicy, reviewEveryDays: s.reviewEveryDays, healthWeights: s.healthWeights }));
              toast.success('Settings saved');
            } catch (e) {
              toast.error(e);
            }
          }}
        >
          Save settings
        </button>
      </div>
    </section>
  );
}
