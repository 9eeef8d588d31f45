import { useState } from 'react';
import type { Evidence, MessageAnalysis } from '@fitdesk/contracts';
import { BOUNDARY_LABEL, TONE_LABEL } from '../../lib/format';
import { segmentsOf } from '../../lib/highlight';

const STRIPPED_LABEL: Record<string, string> = {
  quote: 'Quoted text',
  signature: 'Signature',
  disclaimer: 'Disclaimer',
  forward_header: 'Forward header',
  html: 'Markup',
};

/** Colour of a highlighted span, by the strongest kind of evidence covering it. */
function markClass(evidence: Evidence[]): string {
  const labels = evidence.map((e) => e.label.toLowerCase());
  const has = (...needles: string[]) => labels.some((l) => needles.some((n) => l.includes(n)));
  if (has('abus', 'hostil', 'profan', 'threat', 'insult', 'tone:irate', 'tone:abusive')) return 'ev ev-hostile';
  if (has('boundary', ...Object.keys(BOUNDARY_LABEL))) return 'ev ev-boundary';
  if (has('shout', 'volume', 'caps')) return 'ev ev-shout';
  if (has('urgency:high')) return 'ev ev-urgent';
  if (has('tone:')) return 'ev';
  return 'ev ev-soft';
}

/**
 * Spans worth marking in the text: rules that point at words. Sentiment hits count only when
 * negative (a highlighted "Thanks" is noise), and low/normal urgency defaults say nothing.
 */
function isMarkable(e: Evidence): boolean {
  if (e.end <= e.start) return false;
  if (e.label === 'sentiment') return (e.weight ?? 0) < 0;
  // Words behind calm or ordinary labels are not worth a highlight; they stay listed under "Why these labels".
  if (e.label === 'urgency:low' || e.label === 'urgency:normal' || e.label === 'tone:calm') return false;
  return true;
}

const humanize = (s: string) => s.replace(/[_:]/g, ' ');

/** A label the learned scorer decided carries its probability; other evidence its signed weight. */
function weightText(e: Evidence): string {
  const w = e.weight ?? 0;
  if (e.rule === 'learned_scorer' || e.rule === 'learned_repeat') return `(${Math.round(w * 100)}% likely)`;
  if (e.rule === 'minhash_lsh') return `(${Math.round(w * 100)}% alike)`;
  return `(${w > 0 ? '+' : ''}${Math.round(w * 100) / 100})`;
}

export function AnalysisBadges({ analysis }: { analysis: MessageAnalysis }) {
  return (
    <div className="analysis-badges" aria-label="Message analysis">
      <span className={`badge tone-${analysis.tone}`} title={`Sentiment ${analysis.sentiment.toFixed(2)}`}>
        {TONE_LABEL[analysis.tone]}
      </span>
      {analysis.shouting && <span className="badge badge-shout">Shouting</span>}
      {analysis.urgency === 'high' && <span className="badge urgency-high">High urgency</span>}
      {analysis.boundaries.map((b) => (
        <span key={b} className={`badge boundary boundary-${b}`}>
          {BOUNDARY_LABEL[b] ?? b}
        </span>
      ))}
    </div>
  );
}

/** The message as the engine read it: cleaned text with evidence marked, quoted parts on demand. */
export function AnalysedBody({ analysis, id }: { analysis: MessageAnalysis; id: string }) {
  const [showStripped, setShowStripped] = useState(false);
  const segments = segmentsOf(analysis.cleanedText, analysis.evidence.filter(isMarkable));
  return (
    <>
      <div className="message-text">
        {segments.map((s, i) =>
          s.evidence.length ? (
            <mark key={i} className={markClass(s.evidence)} title={s.evidence.map((e) => `${humanize(e.label)}: ${humanize(e.rule)}`).join('\n')}>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </div>
      {analysis.evidence.length > 0 && (
        <details className="evidence">
          <summary>Why these labels ({analysis.evidence.length})</summary>
          <ul>
            {analysis.evidence.map((e, i) => (
              <li key={i}>
                <span className="badge">{humanize(e.label)}</span> {e.text && e.label !== 'duplicate' && <q>{e.text}</q>} <span className="muted">{humanize(e.rule)}</span>
                {e.weight !== undefined && <span className="muted small"> {weightText(e)}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {analysis.stripped.length > 0 && (
        <div className="stripped">
          <button type="button" className="link-button" aria-expanded={showStripped} aria-controls={`${id}-stripped`} onClick={() => setShowStripped((s) => !s)}>
            {showStripped ? 'Hide quoted text' : 'Show quoted text'}
          </button>
          {showStripped && (
            <div id={`${id}-stripped`} className="stripped-parts">
              {analysis.stripped.map((p, i) => (
                <div key={i} className="stripped-part">
                  <span className="stripped-kind">{STRIPPED_LABEL[p.kind] ?? p.kind}</span>
                  <pre>{p.text}</pre>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </>
  );
}
