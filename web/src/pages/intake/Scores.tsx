import type { ReactNode } from 'react';
import { BAND_LABEL } from './lifecycle-api';
import './lifecycle.css';

/** A score with its band, e.g. "23 Poor fit". */
export function ScoreChip({ score, band, label }: { score: number | null | undefined; band: string | null | undefined; label?: ReactNode }) {
  if (score == null || !band) return <span className="muted">—</span>;
  return (
    <span className={`badge score-chip band-${band}`} data-testid="score-chip">
      <span className="score">{score}</span> {label ?? BAND_LABEL[band] ?? band}
    </span>
  );
}

/** Signed reasons: +12 "budget within range", −30 "red flag: …" with the words that triggered them. */
export function Reasons({ reasons }: { reasons: Array<{ points: number; label: string; evidence?: string | undefined }> }) {
  if (!reasons.length) return <p className="muted">No reasons.</p>;
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i}>
          <span className={`pts ${r.points > 0 ? 'pos' : r.points < 0 ? 'neg' : ''}`}>{r.points > 0 ? `+${r.points}` : r.points === 0 ? '0' : `−${Math.abs(r.points)}`}</span>
          <span>{r.label}</span>
          {r.evidence && <span className="evidence">“{r.evidence}”</span>}
        </li>
      ))}
    </ul>
  );
}

/** Line chart of scores over time with the band thresholds. */
export function HistoryChart({ points, thresholds = [40, 70], label }: { points: Array<{ at: string; score: number }>; thresholds?: number[]; label: string }) {
  const W = 480;
  const H = 160;
  const P = 24;
  if (points.length === 0) return <p className="muted">No history yet.</p>;
  const t0 = Date.parse(points[0]!.at);
  const t1 = Date.parse(points[points.length - 1]!.at);
  const x = (at: string) => (t1 === t0 ? W / 2 : P + ((Date.parse(at) - t0) / (t1 - t0)) * (W - 2 * P));
  const y = (s: number) => H - P - (s / 100) * (H - 2 * P);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line className="axis" x1={P} y1={H - P} x2={W - P} y2={H - P} />
      {thresholds.map((t) => (
        <g key={t}>
          <line className="axis band-line" x1={P} y1={y(t)} x2={W - P} y2={y(t)} />
          <text x={2} y={y(t) + 3}>{t}</text>
        </g>
      ))}
      <path className="line" d={d} />
      {points.map((p, i) => (
        <circle key={i} cx={x(p.at)} cy={y(p.score)} r={3} fill="#2563eb">
          <title>{`${new Date(p.at).toLocaleString()}: ${p.score}`}</title>
        </circle>
      ))}
    </svg>
  );
}
