/** Agreement terms for tests: a London bookkeeper, weekdays 09:00–17:00, Christmas closed. */
export const TERMS = {
  timezone: 'Europe/London',
  hours: { mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], wed: [{ open: '09:00', close: '17:00' }], thu: [{ open: '09:00', close: '17:00' }], fri: [{ open: '09:00', close: '17:00' }] },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
  firstResponseMinutes: { low: 960, normal: 480, high: 240, urgent: 60 },
  resolutionMinutes: { low: 4800, normal: 2400, high: 960, urgent: 480 },
  inScope: ['monthly bookkeeping', 'VAT returns'],
  outOfScope: ['personal tax returns', 'website design'],
  groundRules: ['We reply by email; phone calls are booked in advance.'],
  refundPolicy: { kind: 'full_then_prorated', guaranteeDays: 30 },
};
