import { describe, expect, it } from 'vitest';
import { repairEffectiveness, trustSignals } from './trust.js';

const now = '2026-06-30T12:00:00Z';

describe('trustSignals', () => {
  it('does report trust intact when recent messages are calm', () => {
    const r = trustSignals({ now, messages: [{ at: now, tone: 'calm' }, { at: now, tone: 'concerned' }] });
    expect(r.level).toBe('ok');
    expect(r.suggested).toBeNull();
  });

  it('does suggest listening when the client complains about the service itself', () => {
    const r = trustSignals({ now, messages: [{ at: now, tone: 'frustrated', text: 'Honestly this is not what we paid for. The reports are late again.' }] });
    expect(r.compromised).toBe(true);
    expect(r.situation).toBe('service_complaint');
    expect(r.suggested).toBe('listen');
    expect(r.reasons.some((x) => x.evidence?.includes('paid for'))).toBe(true);
  });

  it('does suggest clarifying when the same issue is sent again and again', () => {
    const r = trustSignals({ now, messages: [{ at: now, tone: 'frustrated' }], repeatContacts: 2 });
    expect(r.situation).toBe('repeat_contact');
    expect(r.suggested).toBe('clarify');
  });

  it('does escalate first and rank parting ways high when abuse repeats', () => {
    const r = trustSignals({ now, messages: [{ at: now, tone: 'abusive' }, { at: now, tone: 'abusive' }], healthBand: 'at_risk' });
    expect(r.suggested).toBe('escalate');
    expect(r.options[1]!.option).toBe('part_ways');
    expect(r.options.map((o) => o.option).sort()).toEqual(['clarify', 'escalate', 'listen', 'part_ways', 'refer_out']);
  });

  it('does ignore messages older than the window', () => {
    const r = trustSignals({ now, messages: [{ at: '2026-05-01T00:00:00Z', tone: 'irate' }] });
    expect(r.level).toBe('ok');
  });
});

describe('repairEffectiveness', () => {
  it('does compute outcome rates per choice and situation and pick the best', () => {
    const recs = [
      ...Array.from({ length: 8 }, () => ({ choice: 'listen' as const, situation: 'irate' as const, outcome: 'resolved' as const })),
      ...Array.from({ length: 2 }, () => ({ choice: 'listen' as const, situation: 'irate' as const, outcome: 'client_left' as const })),
      { choice: 'clarify' as const, situation: 'irate' as const, outcome: 'resolved' as const },
      { choice: 'clarify' as const, situation: 'irate' as const, outcome: 'still_unhappy' as const },
    ];
    const r = repairEffectiveness(recs);
    const listen = r.rows.find((x) => x.choice === 'listen')!;
    expect(listen).toMatchObject({ n: 10, resolved: 8, client_left: 2, resolvedRate: 0.8, clientLeftRate: 0.2 });
    expect(r.bestBySituation.irate).toBe('listen');
  });
});
