import type { BookView } from '../intake/lifecycle-api';

const COLOR: Record<string, string> = { healthy: '#16a34a', watch: '#d97706', at_risk: '#dc2626' };

/** The whole book at a glance: staff hours (x) against revenue (y), coloured by health band; the dashed line is the workspace median effort per unit of revenue. */
export function EffortValueChart({ book }: { book: BookView }) {
  const W = 520;
  const H = 260;
  const P = 36;
  const pts = book.items.filter((i) => i.revenueMinor !== null || i.staffMinutes > 0);
  if (!pts.length) return <p className="muted">Log time on requests and record revenue to see effort against value.</p>;
  const maxH = Math.max(1, ...pts.map((p) => p.staffMinutes / 60));
  const maxR = Math.max(1, ...pts.map((p) => (p.revenueMinor ?? 0) / 100));
  const x = (h: number) => P + (h / maxH) * (W - 2 * P);
  const y = (r: number) => H - P - (r / maxR) * (H - 2 * P);
  // median: minutes per major unit → revenue = minutes / ratio
  const m = book.medianRatio;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Effort vs value of every active client">
      <line className="axis" x1={P} y1={H - P} x2={W - P} y2={H - P} />
      <line className="axis" x1={P} y1={P / 2} x2={P} y2={H - P} />
      <text x={W / 2} y={H - 6}>staff hours</text>
      <text x={4} y={P / 2}>revenue</text>
      {m !== null && m > 0 && <line className="axis band-line" x1={x(0)} y1={y(0)} x2={x(maxH)} y2={y(Math.min(maxR, (maxH * 60) / m))} />}
      {pts.map((p) => (
        <g key={p.clientId}>
          <circle cx={x(p.staffMinutes / 60)} cy={y((p.revenueMinor ?? 0) / 100)} r={5} fill={COLOR[p.band ?? ''] ?? '#94a3b8'}>
            <title>{`${p.name}: ${(p.staffMinutes / 60).toFixed(1)} h, revenue ${((p.revenueMinor ?? 0) / 100).toFixed(0)}, health ${p.score ?? '—'}`}</title>
          </circle>
          <text x={x(p.staffMinutes / 60) + 7} y={y((p.revenueMinor ?? 0) / 100) + 3}>{p.name}</text>
        </g>
      ))}
    </svg>
  );
}
