import { describe, expect, it } from 'vitest';
import { boundaryComponent, effortComponent, healthBand, medianEffortRatio, scoreHealth, toneComponent } from './score-health.js';
import { decay } from './time.js';

const now = '2026-06-30T12:00:00Z';
const daysAgo = (d: number) => new Date(Date.parse(now) - d * 86_400_000).toISOString();

describe('scoreHealth', () => {
  it('does keep a healthy client when every component is good', () => {
    const r = scoreHealth({
      now,
      fit: 90,
      tones: [{ at: daysAgo(2), tone: 'calm' }, { at: daysAgo(10), tone: 'concerned' }],
      incidents: [],
      effort: { staffMinutes: 300, revenueMinor: 500_000, workspaceMedianRatio: 0.1 },
      csat: [{ at: daysAgo(5), score: 5 }],
      payments: { refunds: 0, disputes: 0 },
    });
    expect(r.band).toBe('healthy');
    expect(r.recommendation).toBe('keep');
    expect(r.skipped).toEqual([]);
    expect(Math.abs(50 + r.components.reduce((a, c) => a + c.contribution, 0) - r.score)).toBeLessThanOrEqual(1);
  });

  it('does renormalise the remaining weights when inputs are missing', () => {
    const r = scoreHealth({ now, fit: 80, csat: [{ at: daysAgo(1), score: 5 }] });
    expect(r.skipped).toEqual(['tone', 'boundaries', 'effort', 'payments']);
    // fit 15 and satisfaction 15 share the weight equally: (80 + 100) / 2.
    expect(r.score).toBe(90);
    expect(r.components.map((c) => c.weight)).toEqual([0.5, 0.5]);
  });

  it('does part ways when at risk with a poor fit and heavy effort', () => {
    const r = scoreHealth({
      now,
      fit: 35,
      tones: [{ at: daysAgo(1), tone: 'irate' }, { at: daysAgo(3), tone: 'frustrated' }],
      incidents: [{ at: daysAgo(4), type: 'pressure' }, { at: daysAgo(6), type: 'out_of_scope' }, { at: daysAgo(9), type: 'pressure' }],
      effort: { staffMinutes: 1200, revenueMinor: 100_000, workspaceMedianRatio: 0.3 },
      csat: [{ at: daysAgo(8), score: 2 }],
    });
    expect(r.band).toBe('at_risk');
    expect(r.recommendation).toBe('part_ways');
    expect(r.recommendationReasons[0]).toContain('poor fit');
    expect(r.reasons[0]!.points).toBeLessThan(0);
  });

  it('does escalate when there was abuse in the last 30 days even if healthy otherwise', () => {
    const r = scoreHealth({ now, fit: 95, incidents: [{ at: daysAgo(3), type: 'abuse' }], csat: [{ at: daysAgo(3), score: 5 }] });
    expect(r.recommendation).toBe('escalate');
  });

  it('does coach and report a declining trend when the score dropped', () => {
    const r = scoreHealth({ now, fit: 70, tones: [{ at: daysAgo(1), tone: 'frustrated' }], previousScore: 80 });
    expect(r.band).toBe('watch');
    expect(r.trend).toEqual({ delta: r.score - 80, direction: 'declining' });
    expect(r.recommendation).toBe('coach');
  });

  it('does respect workspace weights when they are configured', () => {
    const a = scoreHealth({ now, fit: 100, csat: [{ at: now, score: 1 }] });
    const b = scoreHealth({ now, fit: 100, csat: [{ at: now, score: 1 }], weights: { fit: 45 } });
    expect(a.score).toBe(50);
    expect(b.score).toBe(75);
  });
});

describe('health components', () => {
  it('does weigh recent tone more when messages differ in age', () => {
    const recentBad = toneComponent([{ at: daysAgo(0), tone: 'irate' }, { at: daysAgo(60), tone: 'calm' }], now)!;
    const oldBad = toneComponent([{ at: daysAgo(60), tone: 'irate' }, { at: daysAgo(0), tone: 'calm' }], now)!;
    expect(recentBad.score).toBeLessThan(40);
    expect(oldBad.score).toBeGreaterThan(80);
  });
  it('does rank a fresh abuse incident worse than an old one and worse than off-hours', () => {
    const fresh = boundaryComponent([{ at: daysAgo(0), type: 'abuse' }], now).score;
    const old = boundaryComponent([{ at: daysAgo(90), type: 'abuse' }], now).score;
    const offHours = boundaryComponent([{ at: daysAgo(0), type: 'off_hours' }], now).score;
    expect(fresh).toBeLessThan(old);
    expect(fresh).toBeLessThan(offHours);
    expect(decay(45, 45)).toBe(0.5);
  });
  it('does score effort 50 when it is twice the workspace median', () => {
    expect(effortComponent({ staffMinutes: 200, revenueMinor: 100_000, workspaceMedianRatio: 0.1 })!.score).toBeCloseTo(50);
    expect(effortComponent({ staffMinutes: 10, revenueMinor: 0, workspaceMedianRatio: 0.1 })!.score).toBe(0);
    expect(medianEffortRatio([{ staffMinutes: 60, revenueMinor: 6000 }, { staffMinutes: 30, revenueMinor: 6000 }, { staffMinutes: 0, revenueMinor: 0 }])).toBeCloseTo(0.75);
  });
  it('does band at 70 and 40', () => {
    expect([70, 69, 40, 39].map(healthBand)).toEqual(['healthy', 'watch', 'watch', 'at_risk']);
  });
});
