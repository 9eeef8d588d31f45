import { describe, expect, it } from 'vitest';
import type { AgreementLike } from '../boundaries/hours.js';
import { type HistoryItem, aroundTheClockMatch } from '../boundaries/index.js';
import type { ToneLabel } from '../tone/index.js';
import { analyzeMessage, aroundTheClockCategory } from './index.js';

const it_: AgreementLike = {
  timezone: 'Europe/London',
  hours: { mon: [{ open: '08:00', close: '18:00' }], tue: [{ open: '08:00', close: '18:00' }], wed: [{ open: '08:00', close: '18:00' }], thu: [{ open: '08:00', close: '18:00' }], fri: [{ open: '08:00', close: '18:00' }] },
  holidays: [{ date: '2026-04-06', name: 'Easter Monday' }],
  aroundTheClock: ['outage', 'security incident'],
  firstResponseMinutes: { low: 960, normal: 240, high: 60, urgent: 15 },
  inScope: ['helpdesk support for staff on company devices'],
  outOfScope: ['home or personal devices', 'printer consumables and ink ordering'],
};
const at = (iso: string, body: string, extra: Partial<Parameters<typeof analyzeMessage>[0]> = {}) => analyzeMessage({ body, sentAt: iso, agreement: it_, ...extra });
/** The phrase rules alone (no learned scorer) on one message under the IT agreement. */
const byRules = (body: string, sentAt = '2026-01-12T10:00:00Z', history: HistoryItem[] = []) => analyzeMessage({ body, sentAt, agreement: it_, history }, { scorer: null });
/** Each body, by the rules alone, is read with `tone` (or, with `not`, with any other tone). */
const expectToneByRules = (bodies: string[], tone: ToneLabel, not = false) => {
  for (const body of bodies) (not ? expect(byRules(body).tone, body).not : expect(byRules(body).tone, body)).toBe(tone);
};

describe('analyzeMessage', () => {
  it('does label a calm request calm with no boundaries when sent in hours', () => {
    const r = at('2026-01-12T09:30:00Z', 'Hi, could you set up an M365 account for our new starter? Thanks, Grace');
    expect(r).toMatchObject({ tone: 'calm', shouting: false, urgency: 'normal', boundaries: [] });
  });
  it('does not call an automated all-caps alert shouting when it reports an outage at night', () => {
    const r = at('2026-01-08T03:12:28Z', '[ALERT] CRITICAL: VPN-GW-01 DOWN\nHOST UNREACHABLE SINCE 03:10 UTC\nTHIS IS AN AUTOMATED MESSAGE. DO NOT REPLY.');
    expect(r.shouting).toBe(false);
    expect(r.urgency).toBe('high');
    expect(r.boundaries).not.toContain('off_hours');
  });
  it('does not call caps of joy shouting when a client says thank you', () => {
    expect(at('2026-04-01T15:00:00Z', 'THANK YOU SO MUCH!!! We got the loan!!').shouting).toBe(false);
  });
  it('does catch lower-case insults at staff as abusive with the abuse boundary', () => {
    const r = at('2026-03-02T12:00:00Z', "your muppet of a technician left the cabinet open. you're a joke. absolute cowboys, the lot of you");
    expect(r.tone).toBe('abusive');
    expect(r.boundaries).toContain('abuse');
    const ev = r.evidence.find((e) => e.label === 'boundary:abuse')!;
    expect(r.cleanedText.slice(ev.start, ev.end)).toBe(ev.text);
  });
  it('does not count quoted third-party shouting against the sender when it is reported calmly', () => {
    const r = at('2026-03-03T10:00:00Z', 'Just so you know, a customer called and yelled "YOU ARE ALL USELESS IDIOTS" at our receptionist. Could you pull the call log?');
    expect(r.shouting).toBe(false);
    expect(r.tone).not.toBe('abusive');
  });
  it('does call a threat to dispute the charge irate when the client is angry', () => {
    expect(at('2026-03-23T13:00:00Z', "Your invoice went up 40% with zero notice. I'm not paying it, and if I see that charge I'm filing a chargeback.").tone).toBe('irate');
  });
  it('does flag sarcasm as frustrated when praise is used to complain', () => {
    expect(at('2026-01-26T10:00:00Z', 'Third time this month the till froze. Your tech "rebooted it" twice. Brilliant. Really solved it.').tone).toBe('frustrated');
  });
  it('does flag out of scope when a request matches an excluded phrase by meaning', () => {
    const r = at('2026-01-13T14:05:00Z', 'Could you also get her own MacBook onto the VPN so she can work from home?');
    expect(r.boundaries).toContain('out_of_scope');
  });
  it('does flag off-hours on a holiday and not when no agreement is given', () => {
    expect(at('2026-04-06T10:00:00Z', 'Please add Jo to the shared mailbox.').boundaries).toContain('off_hours');
    expect(analyzeMessage({ body: 'Please add Jo to the shared mailbox.', sentAt: '2026-04-06T10:00:00Z' }).boundaries).toEqual([]);
  });
  it('does flag pressure when the client chases inside the promised window', () => {
    const history = [{ id: 'h1', sentAt: '2026-01-26T10:00:00Z', text: 'The till PC froze again, could someone look at it?', direction: 'inbound' as const }];
    expect(at('2026-01-26T10:35:00Z', "Well? It's been over half an hour.", { history }).boundaries).toContain('pressure');
    expect(at('2026-01-26T15:35:00Z', 'Any update?', { history }).boundaries).not.toContain('pressure');
  });
  it('does time a chase during a night outage by the clock against the promise for high urgency, the label the matter has', () => {
    const history = [{ id: 'o1', sentAt: '2026-07-17T18:30:00Z', text: 'The card machines and the till are all offline, whole network is gone.', direction: 'inbound' as const }];
    const chase = (minutes: number) => byRules('Dave again. STILL NOTHING. We cannot take a single card payment. Ring me back.', new Date(Date.parse('2026-07-17T18:30:00Z') + minutes * 60_000).toISOString(), history);
    expect(chase(25).boundaries).toContain('pressure');
    expect(chase(25).boundaries).not.toContain('off_hours');
    expect(chase(70).boundaries).not.toContain('pressure');
  });
  it('does time a deadline on a weekday from the hour that follows it, and hear "any chance of…" as an ask', () => {
    // Friday 15:45 London is 15 business minutes before close: "by Monday 9am" leaves 75, "by Monday" a whole extra day.
    const friday = '2026-04-10T14:45:00Z';
    expect(byRules('Could you draft the remote-work section by Monday 9am? We announce it at the all-hands.', friday).boundaries).toContain('pressure');
    expect(byRules('Could you draft the remote-work section by Monday? We announce it at the all-hands.', friday).boundaries).not.toContain('pressure');
    expect(byRules('Any chance of a quick call before 5 today? It is about the new laptop order.', '2026-04-09T14:00:00Z').boundaries).toContain('pressure');
  });
  it('does time a chase from a call the desk has no record of, when the client says when it was', () => {
    const body = 'I rang 25 minutes ago about the ransomware note. Is someone coming or calling back?';
    expect(byRules(body, '2026-04-19T22:05:00Z').boundaries).toContain('pressure');
    expect(byRules('The bank rang at 7. Someone tried to move money out overnight. What do we do first?', '2026-04-20T07:30:00Z').boundaries).not.toContain('pressure');
  });
  it('does hear a chase in a bare clock time, "Nothing.", a call to make sure it landed, or a nudge, but not in a follow-up that leaves the timing to us', () => {
    const history = [{ id: 'h1', sentAt: '2026-01-26T10:00:00Z', text: 'Could you send the signed engagement letter over? We need it for the bank.', direction: 'inbound' as const }];
    const rules = (body: string) => byRules(body, '2026-01-26T11:05:00Z', history).boundaries;
    for (const body of ['11:05. Nothing. Typical.', "It's ten after eleven. Still no letter.", 'Just calling to make sure you got my email this morning about the engagement letter.', 'Hi Ana, just nudging the engagement letter below :)', 'Two hours for a yes-or-no question.'])
      expect(rules(body), body).toContain('pressure');
    expect(rules('Sorry I write again, I forgot to say the bank is Chase. Please answer when you have time, it is not emergency.')).not.toContain('pressure');
    expect(rules('One more detail: it is for the Chase account. Please answer when you are able.')).not.toContain('pressure');
  });
  it('does flag personal when a client shows they looked staff up', () => {
    expect(at('2026-02-24T10:00:00Z', 'Saw your Instagram stories from Tulum, you looked great! Quick q: capex or expense?').boundaries).toContain('personal');
  });

  it('does rate a client deadline high only when something is at stake by then', () => {
    expect(at('2026-01-12T10:00:00Z', 'Could you send the slide deck by 4 today? I present to the partners tomorrow.').urgency).toBe('normal');
    expect(at('2026-01-12T10:00:00Z', 'Our answer to the complaint is due to the court tomorrow by 5pm. Can you file it?').urgency).toBe('high');
  });
  it('does rate a referral-only ask low and not out of scope', () => {
    const r = at('2026-01-12T10:00:00Z', "Could you recommend someone who fixes home laptops? I know you don't look after personal devices. Just a name would be great.");
    expect(r.urgency).toBe('low');
    expect(r.boundaries).not.toContain('out_of_scope');
  });
  it('does read leetspeak insults and insults about named staff as abuse', () => {
    expect(at('2026-01-12T10:00:00Z', 'absolute mupp3ts, the lot of you. sort it.').tone).toBe('abusive');
    expect(at('2026-01-12T10:00:00Z', 'Kelsey is a brain-dead airhead. The statement is wrong again.').boundaries).toContain('abuse');
  });
  it('does read an insult at staff named in the third person and a threat through connections as abuse, and "you should be ashamed" as hostile but not abuse', () => {
    const rules = (body: string) => byRules(body);
    expect(rules("Your associate Ben is lazy and, frankly, a bit dim, and I'll be telling Ellen exactly that. Call me back today.").boundaries).toContain('abuse');
    expect(rules('My husband sits on the board and knows everyone who matters in this city. If the next proof is wrong, your studio will find it very hard to get work here again. Think carefully about how you handle this.').boundaries).toContain('abuse');
    const ashamed = rules('You should be ashamed of yourself. Truly.');
    expect(ashamed.boundaries).not.toContain('abuse');
    // Work described as lazy is a complaint about the work.
    expect(rules('Your engineer was lovely but the fix was a lazy workaround, could someone look again?').boundaries).not.toContain('abuse');
  });
  it('does not call a re-send of the same message a chase when it only says it is resending', () => {
    const first = 'Hi, the printer in room 2 keeps jamming on tray 2 even though there is no paper stuck anywhere. Could someone look at it tomorrow?';
    const r = at('2026-01-12T10:05:00Z', `Resending in case the first one did not go through. ${first}`, { history: [{ id: 'm1', sentAt: '2026-01-12T10:00:00Z', text: first, direction: 'inbound' }] });
    expect(r.boundaries).not.toContain('pressure');
  });
  it('does cover an urgent security matter at night when its words differ from the around-the-clock category', () => {
    const r = at('2026-01-12T23:30:00Z', 'Hi, security issue. About two hundred outbound emails went out from accounts@ in the last ten minutes to addresses we don\'t know. Can someone get on it?');
    expect(r.urgency).toBe('high');
    expect(r.boundaries).not.toContain('off_hours');
  });
  it('does keep around-the-clock cover on a chase of an urgent matter at night whose category was implied, not named', () => {
    const history = [{ id: 'm1', sentAt: '2026-01-12T23:10:00Z', text: 'Hi, security issue. About two hundred outbound emails went out from accounts@ in the last ten minutes to addresses we don\'t know. Can someone get on it?', direction: 'inbound' as const }];
    const r = at('2026-01-12T23:40:00Z', 'any update?', { history });
    // The rules rate a chase of an urgent matter high; the scorer may weigh a bare "any update?" lower, but the cover stays.
    expect(analyzeMessage({ body: 'any update?', sentAt: '2026-01-12T23:40:00Z', agreement: it_, history }, { scorer: null }).urgency).toBe('high');
    expect(r.boundaries).not.toContain('off_hours');
    expect(r.evidence.find((e) => e.label === 'around_the_clock')?.rule).toBe('around_the_clock:security incident (follow-up of m1)');
    expect(at('2026-01-12T23:40:00Z', 'any update?').boundaries).toContain('off_hours');
  });
  it('does not read a scam as a water leak, and does cover leaked data as a security incident', () => {
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['emergency repair', 'water leak or flooding', 'no cooling or heating'] };
    const scam = analyzeMessage({ body: "My deposit wire didn't arrive and my bank says the account number came from an email pretending to be you. I think I've been scammed. Please call me.", sentAt: '2026-12-21T03:00:56Z', agreement: property });
    expect(scam.urgency).toBe('high');
    expect(scam.boundaries).toContain('off_hours');
    const leaked = at('2026-01-10T23:30:00Z', 'Our customer database has leaked, someone posted it online an hour ago. Please help now.');
    expect(leaked.boundaries).not.toContain('off_hours');
    expect(leaked.evidence.find((e) => e.label === 'around_the_clock')?.rule).toBe('around_the_clock:security incident');
  });
  it('does cover a monitored host reported down, a mailbox sending invoices the client never sent, and a leak told by where the water goes, but not a smoke alarm chirping for a battery', () => {
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['emergency repair', 'water leak or flooding', 'no cooling or heating'] };
    const rules = (body: string, agreement = it_) => analyzeMessage({ body, sentAt: '2026-01-11T06:00:00Z', agreement }, { scorer: null });
    for (const body of ['[MONITOR] CRITICAL: vpn01.tern.local DOWN\nTunnels up: 0/2', 'DEPOT 2 STILL DOWN. 14 HOURS.', 'Three clients got invoices from our accounts address asking them to pay into a NEW bank account. We did not send these.']) {
      const r = rules(body);
      expect(r.urgency, body).toBe('high');
      expect(r.boundaries, body).not.toContain('off_hours');
    }
    expect(rules('Tenant says the water heater in the garage is leaking onto the floor. Please send someone.', property).boundaries).not.toContain('off_hours');
    for (const body of ['The bank called: a wire of $8,900 went out yesterday that I did not make.', 'You took nine hundred bucks out of my account and I want it back today.', 'A leaver who still has access is forwarding client files to his gmail.'])
      expect(rules(body).urgency, body).toBe('high');
    expect(rules('Jake left on 1 December. Can you confirm his access to the shared mailbox has been removed?').urgency).not.toBe('high');
    const chirp = rules('The smoke detector in the hall chirped all night, can you bring a battery on Monday?', property);
    expect(chirp.urgency).not.toBe('high');
    expect(chirp.boundaries).toContain('off_hours');
  });
  it('does not take a forwarded message under the sender\'s own note as the sender\'s tone, but still reads its matter', () => {
    const fwd = (own: string, theirs: string) => byRules(`${own}\n\n---------- Forwarded message ---------\nFrom: Gary <g@example.com>\nDate: Mon, Jan 12, 2026\nSubject: Invoice\n\n${theirs}`);
    const calmNote = fwd('Hi team, forwarding the below from a client. Could you mark invoice 2231 as disputed?', 'STOP SENDING ME THESE REMINDERS YOU BLOODSUCKING PARASITES.');
    expect(calmNote.tone).toBe('calm');
    expect(calmNote.shouting).toBe(false);
    expect(calmNote.boundaries).not.toContain('abuse');
    expect(fwd('See below, can you help tonight?', 'Alert: our server is down and nobody can log in.').urgency).toBe('high');
  });
  it('does keep cover on a calm follow-up of a current outage but not on the aftermath of one dealt with', () => {
    const history = [{ id: 'a1', sentAt: '2026-01-10T03:15:00Z', text: '[CRITICAL] VPN GATEWAY UNREACHABLE\nImpact: site-to-site tunnel DOWN', direction: 'inbound' as const }];
    const still = at('2026-01-10T09:40:00Z', 'Saw the VPN alert overnight. Nobody is affected right now, happy for it to be looked at on Monday.', { history });
    expect(still.boundaries).not.toContain('off_hours');
    const after = at('2026-01-10T09:40:00Z', "Thanks, the VPN is back up. When you're in on Monday could you check why it dropped?", { history });
    expect(after.boundaries).toContain('off_hours');
    expect(at('2026-01-10T09:40:00Z', "The VPN's been back since about 2am, thanks. While I've got you, could we talk about a new laptop?", { history }).boundaries).toContain('off_hours');
  });
  it('does keep cover through a live emergency, from what was decided for the earlier message, and the closing word within the hour', () => {
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['emergency repair', 'water leak or flooding', 'no cooling or heating'] };
    // The rules alone do not read "AC is completely dead" as urgent; the analysis that ran said so, and said why.
    const first = { id: 'c1', sentAt: '2026-07-11T04:00:00Z', text: 'Tenant says the unit is like an oven tonight, can someone come?', direction: 'inbound' as const };
    const next = (iso: string, body: string, h = first) => analyzeMessage({ body, sentAt: iso, agreement: property, history: [h] }, { scorer: null });
    expect(next('2026-07-11T04:20:00Z', 'WHAT DO I EVEN PAY YOU PEOPLE FOR?? USELESS.').boundaries).toContain('off_hours');
    const decided = { ...first, urgency: 'high' as const, aroundTheClock: 'no cooling or heating' };
    expect(next('2026-07-11T04:20:00Z', 'WHAT DO I EVEN PAY YOU PEOPLE FOR?? USELESS.', decided).boundaries).not.toContain('off_hours');
    // "All fixed, thanks" 30 minutes in closes the episode; the same words the next morning are its aftermath.
    expect(next('2026-07-11T04:30:00Z', 'Tech came and it is all fixed, thank you so much!', decided).boundaries).not.toContain('off_hours');
    expect(next('2026-07-11T14:30:00Z', 'Tech came and it is all fixed, thank you. When can someone look at the thermostat wiring?', decided).boundaries).toContain('off_hours');
    expect(next('2026-07-11T14:30:00Z', 'Still no AC. 91 inside.', decided).boundaries).not.toContain('off_hours');
    expect(next('2026-07-11T14:30:00Z', "Thanks to whoever came out last night, I'm feeling much better. Could someone send the invoice?", decided).boundaries).toContain('off_hours');
  });
  it('does keep cover on a chase the next morning that says the matter is still going on, and not on other mail then', () => {
    // 19:30 the evening before, an outage; 07:38 the next day (twelve hours and eight minutes on), before opening.
    const history = [{ id: 'x1', sentAt: '2026-10-22T18:30:00Z', text: "None of the surgeries can open X-ray images, the imaging server says 'database unavailable'. Please help.", direction: 'inbound' as const }];
    expect(at('2026-10-23T06:38:00Z', "Morning, still can't see any X-rays and nobody's called me back overnight. Is anyone looking at this?", { history }).boundaries).not.toContain('off_hours');
    expect(at('2026-10-23T06:38:00Z', 'Morning, could you also order a new toner for reception?', { history }).boundaries).toContain('off_hours');
    // More than a day later it is a new message, still or not.
    expect(at('2026-10-24T06:38:00Z', "Morning, still can't see any X-rays. Is anyone looking at this?", { history }).boundaries).toContain('off_hours');
  });
  it('does read dizziness on standing with a near fall as urgent symptoms, and an emergency denied as none', () => {
    const clinic: AgreementLike = { ...it_, timezone: 'America/Chicago', aroundTheClock: ['urgent symptoms'] };
    const r = analyzeMessage({ body: "I've been quite dizzy this morning whenever I stand up, and I nearly fell getting out of the bath. I'm sitting down now.", sentAt: '2027-06-05T17:03:51Z', agreement: clinic }, { scorer: null });
    expect(r.urgency).toBe('high');
    expect(r.boundaries).not.toContain('off_hours');
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['emergency repair'] };
    expect(aroundTheClockMatch('My agreement says anything over $500 needs my approval unless it is an emergency. I would like the charge explained.', property)).toBeNull();
    expect(aroundTheClockMatch('This is an emergency, the front door lock is broken and will not close.', property)?.category).toBe('emergency repair');
  });
  it('does read a sugar reading and not keeping water down as urgent symptoms', () => {
    const clinic: AgreementLike = { ...it_, timezone: 'America/Chicago', aroundTheClock: ['urgent symptoms'] };
    for (const body of ["My sugar's 380 and I feel really weak. What should I do?", "I've been throwing up since about six and can't keep water down."]) {
      const r = analyzeMessage({ body, sentAt: '2026-09-19T02:40:00Z', agreement: clinic }, { scorer: null });
      expect(r.urgency, body).toBe('high');
      expect(r.boundaries, body).not.toContain('off_hours');
    }
  });
  it('does read back the around-the-clock category an analysis gave cover for, on the message itself and on its follow-up', () => {
    const night = at('2026-01-10T23:30:00Z', 'Our whole network is down, nobody can log in. Please call me.');
    expect(aroundTheClockCategory(night)).toBe('outage');
    const history = [{ id: 'n1', sentAt: '2026-01-10T23:30:00Z', text: 'Our whole network is down, nobody can log in. Please call me.', direction: 'inbound' as const }];
    expect(aroundTheClockCategory(at('2026-01-10T23:50:00Z', 'hello??', { history }))).toBe('outage');
    expect(aroundTheClockCategory(at('2026-01-12T10:00:00Z', 'Could you order two new monitors?'))).toBeNull();
  });
  it('does read a failed appliance as its absence: "AC is completely dead" is "no cooling"', () => {
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['no cooling or heating'] };
    for (const body of ['Tenant says AC is completely dead now, 88 inside at 9pm.', "Heater won't turn on and it's 45 in the house.", 'The furnace quit an hour ago, 50 degrees inside.', "The heater has been blowing cold air all evening. Thermostat says 56 inside and it's going down to 34 tonight, we have a baby.", 'AC is out again at 4521 E Pinchot. 108 outside. 3rd time this summer', "Heater's out at the Osborn house, 41 outside and two little kids."])
      expect(analyzeMessage({ body, sentAt: '2026-01-11T04:00:00Z', agreement: property }).boundaries).not.toContain('off_hours');
    expect(analyzeMessage({ body: 'Could someone service the AC before summer? No rush.', sentAt: '2026-01-11T04:00:00Z', agreement: property }).boundaries).toContain('off_hours');
  });
  it('does rate a high fever with breathlessness, a phished password and devices that will not sync as urgent, and a mild fever not', () => {
    expect(at('2026-01-12T10:00:00Z', 'fever 103.8, shaking chills, hard to catch my breath. what do i do').urgency).toBe('high');
    expect(at('2026-01-12T10:00:00Z', 'Fever 101.5 since this morning and body aches. Any chance I can be seen today?').urgency).toBe('normal');
    expect(at('2026-01-12T10:00:00Z', 'One of our partners clicked a DocuSign link and typed in his Microsoft password. What do we do?').urgency).toBe('high');
    expect(at('2026-01-12T10:00:00Z', "Heater not turning on since last night. It's 52 degrees in the apartment, I have 2 little kids.").urgency).toBe('high');
    expect(at('2026-01-12T10:00:00Z', "Hi, it's Abi at the nursery. The internet's completely gone, parents can't get into the app for pick-ups and the door entry runs off it too. Can someone ring me back?").urgency).toBe('high');
    expect(at('2026-01-12T10:00:00Z', 'heater is making a burning smell when it kicks on. should i turn it off?').urgency).toBe('high');
    // A blood sugar far outside the normal range (below 60 or from 300 mg/dL) is an emergency; a lab value near normal is not.
    expect(byRules('MY BLOOD SUGAR IS 48 AND IM SHAKING. ATE JUICE ALREADY. WHAT DO I DO').urgency).toBe('high');
    expect(byRules('sugar reads 412 and I feel awful, very thirsty').urgency).toBe('high');
    expect(byRules('My glucose was 118 on last week\'s labs and my A1c 5.9%. Could the doctor explain what that means?').urgency).not.toBe('high');
    // Writers split on scanners that will not sync (an outage by its effect, or a fault): the rules say outage; the
    // scorer, trained on both readings, leans to normal by a small margin.
    expect(byRules("Depot scanners won't sync with the warehouse system since last night's patch. Drivers can't load.").urgency).toBe('high');
    // "This summer" as a time frame is no rush; counting the times it happened this summer is not.
    expect(analyzeMessage({ body: 'Could we look at repainting the fence this summer?', sentAt: '2026-01-12T10:00:00Z' }, { scorer: null }).urgency).toBe('low');
    expect(analyzeMessage({ body: 'AC is out again, 108 outside. 3rd time this summer', sentAt: '2026-01-12T10:00:00Z' }, { scorer: null }).urgency).toBe('high');
  });
  it('does read this round\'s emergencies told tersely or by their effect, and demands that name a time', () => {
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['no cooling or heating'] };
    // "AC out at …" (no verb) is no cooling; at 02:10 it is covered around the clock.
    expect(analyzeMessage({ body: 'AC out at 1421 W Palo Verde. Tenant has a newborn, 88 inside and climbing. Send someone.', sentAt: '2026-04-22T09:10:27Z', agreement: property }, { scorer: null }).boundaries).not.toContain('off_hours');
    // Sign-in approvals nobody asked for, denied again and again, are a security incident.
    expect(byRules("Getting loads of Microsoft sign-in approval requests on my phone, I haven't tried to log in to anything. I keep pressing deny.").urgency).toBe('high');
    // "Nothing at the office responds" is an outage told by its effect.
    expect(byRules('The monitoring alert texted me at 02:15 and nothing at the office responds: email, file server, VPN.').urgency).toBe('high');
    // A heavy feeling in the chest and an arm that "feels funny, kind of tingly" are urgent symptoms.
    expect(byRules("I woke up with a heavy feeling in my chest and my left arm feels funny, kind of tingly. Should I take an aspirin?").urgency).toBe('high');
    // "Before our 8am board call tomorrow" and "fix it tomorrow first thing" are deadlines; "and now it won't boot" is not "now".
    expect(byRules('Need the pricing tiers checked before our 8am board call tomorrow. Please.', '2026-01-12T21:30:00Z').boundaries).toContain('pressure');
    expect(byRules('The pc will not boot. Fix it tomorrow first thing.', '2026-01-12T19:45:00Z').boundaries).toContain('pressure');
    const story = byRules('Your engineer came to fix the printer and now it will not print at all. Can you have a look this week?');
    expect(story.evidence.filter((e) => e.label === 'boundary:pressure').map((e) => e.text)).not.toContain('fix the printer and now');
  });
  it('does read "before then" as the time the sender named earlier', () => {
    // 21:30 in London, after hours: the bank meeting at 8:30 tomorrow leaves 30 business minutes, under any promise.
    const asked = byRules("Sorry for the short notice, I have a meeting with the bank at 8:30 tomorrow morning and they want a P&L. Is there any way you can get it to me before then?", '2026-01-13T21:30:00Z');
    expect(asked.boundaries).toContain('pressure');
    expect(asked.evidence.find((e) => e.label === 'boundary:pressure')?.text).toBe('before then');
    // With no time named before it, "by then" sets no deadline.
    expect(byRules('Could you send the draft over? I will read it by then.', '2026-01-13T21:30:00Z').boundaries).not.toContain('pressure');
  });
  it('does hear "u didnt reply about…", "any luck w…" and "nothing overnight" inside the promise as chases', () => {
    const history: HistoryItem[] = [{ id: 'r1', sentAt: '2026-01-12T10:00:00Z', text: 'Could you look at why my laptop will not print to the office printer?', direction: 'inbound' }];
    for (const body of ['u didnt reply about the printer??', 'any luck w the printer? got a report to print', 'Nothing overnight. I need to print the report at nine.'])
      expect(byRules(body, '2026-01-12T11:00:00Z', history).boundaries, body).toContain('pressure');
  });
  it('does hear "noon came and went", a bare "Six hours." and "let me know the status" inside the promise as chases', () => {
    const history: HistoryItem[] = [{ id: 'r1', sentAt: '2026-01-12T10:00:00Z', text: 'Could you send the revised draft of the report by noon?', direction: 'inbound' }];
    for (const body of ['Noon came and went. For what we pay I expect someone to at least acknowledge an email.', 'Six hours. Can nobody attach one PDF?', 'Dear team, kindly let me know the status of the report. Thanks and regards'])
      expect(byRules(body, '2026-01-12T13:00:00Z', history).boundaries, body).toContain('pressure');
    // "Let me know" about something else is no chase.
    expect(byRules('Please let me know if the report needs anything else from me.', '2026-01-12T13:00:00Z', history).boundaries).not.toContain('pressure');
  });
  it('does not hear a re-send that corrects the first message as a chase, but does one that says it waited', () => {
    const history: HistoryItem[] = [{ id: 'r1', sentAt: '2026-01-12T10:00:00Z', text: 'Need demand letters out to the four contractors below, aging report attached.', direction: 'inbound' }];
    expect(byRules('Resending with the aging report actually attached this time. Same four accounts.', '2026-01-12T10:16:00Z', history).boundaries).not.toContain('pressure');
    expect(byRules('Resending since nobody has replied. Same four accounts.', '2026-01-12T12:16:00Z', history).boundaries).toContain('pressure');
    expect(byRules('Resending. Maybe someone will answer this time? Same four accounts.', '2026-01-12T12:16:00Z', history).boundaries).toContain('pressure');
  });
  it('does hear chases told in other words: "TWO TIMES I TOLD YOU", call notes that the client "hasn\'t heard anything" or "asks whether anyone is coming"', () => {
    const history: HistoryItem[] = [{ id: 'r1', sentAt: '2026-01-12T10:00:00Z', text: 'The Pantone on the label proofs is wrong again, please correct it to 7621 C.', direction: 'inbound' }];
    for (const body of ['THE PANTONE IS STILL WRONG. TWO TIMES I TOLD YOU.', '[Call notes] Put in a portal request this morning about the proofs, hasn\'t heard anything. Asks for a call back.', '[Call notes] About the label proofs. She asks whether anyone is coming to collect them.'])
      expect(byRules(body, '2026-01-12T11:00:00Z', history).boundaries, body).toContain('pressure');
  });
  it('does time a request worded in the passive ("Could his account be disabled by 5pm") against the promise', () => {
    expect(byRules("Pete's last day is today. Could his account be disabled by 5pm when he leaves?", '2026-01-12T15:30:00Z').boundaries).toContain('pressure');
    expect(byRules("Pete's last day is Friday. Could his account be disabled by then, when he leaves?", '2026-01-12T15:30:00Z').boundaries).not.toContain('pressure');
  });
  it('does not time a deadline the sender relays and then relaxes ("he wants an answer today… Tuesday is absolutely fine from my side")', () => {
    expect(byRules("Sorry, one more thing: he says he wants an answer today. I know that's not how you work. Tuesday or Wednesday next week is absolutely fine from my side.", '2026-01-14T15:00:00Z').boundaries).not.toContain('pressure');
    expect(byRules('He says he wants an answer today, so please reply today.', '2026-01-14T15:00:00Z').boundaries).toContain('pressure');
  });
  it('does not call an ultimatum pressure when the sender says the desk is already days late', () => {
    const late = "IT'S BEEN OVER A WEEK since I asked about my options on the guarantee. If I don't hear back today I'm taking the work to another firm.";
    expect(byRules(late, '2026-01-12T15:00:00Z').boundaries).not.toContain('pressure');
    expect(byRules('Three days and still no answer. I need it today.', '2026-01-12T15:00:00Z').boundaries).not.toContain('pressure');
    // A week since something else happened is not a wait for the desk.
    expect(byRules("It's been a week since the install and the printer still jams. If I don't hear back today I'm calling someone else.", '2026-01-12T15:00:00Z').boundaries).toContain('pressure');
  });
  it('does hear "pls someone answer" minutes after an urgent message as a chase', () => {
    const history: HistoryItem[] = [{ id: 'u1', sentAt: '2026-01-12T10:00:00Z', text: 'Whole office network is down, nobody can log in.', direction: 'inbound' }];
    expect(byRules('pls someone answer', '2026-01-12T10:04:00Z', history).boundaries).toContain('pressure');
  });
  it('does read "by 6 February" as a date, not as six o\'clock today', () => {
    expect(at('2026-01-12T16:00:00Z', 'Could you send me the report by 6 February? I need to reply to the bank by then.').boundaries).not.toContain('pressure');
    expect(at('2026-01-12T16:00:00Z', 'Could you send me the report by 12 January? I need to reply to the bank by then.').boundaries).toContain('pressure');
  });
  it('does not let the personal rules call a threat to turn up at the office personal, while knowing what staff drive is', () => {
    const office = analyzeMessage({ body: 'Still waiting on that refund. I know where your office is. Maybe I\'ll swing by and discuss my invoice in person.', sentAt: '2026-01-12T10:00:00Z' }, { scorer: null });
    expect(office.boundaries).toContain('abuse');
    expect(office.boundaries).not.toContain('personal');
    expect(at('2026-01-12T10:00:00Z', 'I know where your office is and I know what you drive. Sort my refund.').boundaries).toContain('personal');
  });
  it('does catch a staff member seen in public with their children, their private photos looked up, and a gift card "in it" for the first slot', () => {
    const rules = (body: string) => byRules(body).boundaries;
    expect(rules('Was that you at the Pasadena farmers market on Sunday?? With the two little ones in the red wagon? How old are they?')).toContain('personal');
    expect(rules('Quick one - is Tom back from leave? Saw the Byron photos on his insta, gorgeous. Tell him we said hi.')).toContain('personal');
    expect(rules("Need a same-day appt today. Tell whoever does scheduling there's a Starbucks card in it if I get the first slot.")).toContain('personal');
    // The business's own posts, and a gift with nothing asked in return, are not.
    expect(rules('Saw the photos of the new studio on your Instagram, it looks great! Could we book the launch shoot there?')).not.toContain('personal');
    expect(rules("There's a box of biscuits in the post for the team, thank you for a great year.")).not.toContain('personal');
  });
  it('does catch personal approaches worded indirectly: single or not, a treat for a squeezed-in slot, a friend putting in a word, asking out', () => {
    const rules = (body: string) => byRules(body).boundaries;
    expect(rules('Thanks for the report. Also, the office wants to know whether Callum is single (sorry, I was told to ask!)')).toContain('personal');
    expect(rules("If it helps our ticket get to the top of the pile, we have box seats for Saturday's game we'd love to give you.")).toContain('personal');
    expect(rules("I'll bring her favourite pastries if she can squeeze the laptop in today.")).toContain('personal');
    expect(rules("My cousin lives next door to Jonas, and she offered to put in a word so we get a slot this week.")).toContain('personal');
    expect(rules('random but r u free for drinks this weekend? not work related lol')).toContain('personal');
    expect(rules('saw on ur insta you were at the market on sunday, I live round the corner. coffee sometime?')).toContain('personal');
    expect(rules('I know your manager\'s wife from the school board, so think carefully about how you handle this.')).toContain('personal');
    expect(rules('Could you check whether the VPN licence is still available for the new starter?')).not.toContain('personal');
    expect(rules('Also Dave wants to know if Priya from your helpdesk is single. I said I\'d ask.')).toContain('personal');
    expect(rules("I'd love to send Tanya flowers at home, could you let me have her address?")).toContain('personal');
    expect(rules('Is Rosa from your office on Instagram? What\'s her handle?')).toContain('personal');
    expect(rules('Rosa who does our decorating is a contractor now. Does she get a 1099? I have her address somewhere.')).not.toContain('personal');
    const veiled = byRules('Nice little place you\'ve got in Manly, Megan. Blue door, white ute out the front. Be a real shame if your clients heard what sort of operator you are.');
    expect(veiled.boundaries).toEqual(expect.arrayContaining(['personal', 'abuse']));
  });
  it('does read polite condescension, insults in other languages and veiled threats as abuse, and an apology that names an old insult as none', () => {
    for (const body of [
      "I'm sure your technician is a perfectly lovely young man, but I have met golden retrievers with a firmer grasp of Active Directory.",
      "I'll use small words this time, since my previous two emails seem to have exceeded your reading level.",
      'The August statement reads as though it were compiled by someone who has never met a spreadsheet.',
      'read your email, genius',
      'You billed me for that call? Son unos ladrones de mierda, todos. Pendejos.',
      "You'll regret how your firm handled this. I don't make idle threats.",
      "I gather your wife runs the florist on Moulsham Street. It would be a great shame if her name ended up mentioned in the wrong circles.",
      'whoever runs your care coordination is a brainless twit.',
    ]) {
      const r = byRules(body);
      expect(r.tone, body).toBe('abusive');
      expect(r.boundaries, body).toContain('abuse');
    }
    expect(byRules('i saw her at the target on burnet yesterday with her two kids. small town. fix my bill').boundaries).toEqual(expect.arrayContaining(['personal', 'abuse']));
    const sorry = byRules("I was horrible to you last week. Calling you a fraud and a liar was wrong, full stop. I'd like to keep going.");
    expect(sorry.boundaries).not.toContain('abuse');
    expect(byRules('Great news, the tenant signed. Nice work on the lease!').boundaries).not.toContain('abuse');
  });
  it('does read pointed sarcasm and disappointed expectations as frustrated', () => {
    const tone = (body: string) => byRules(body).tone;
    expect(tone('The refund showed up this morning. Thank you so much for moving fast.')).toBe('calm');
    for (const body of [
      'The night shift were scanning on paper for four hours. So much for monitoring. Could someone dig into why?',
      'Just checking the September close is still a thing that is happening. It\'s the 27th. Love the consistency.',
      "Since wills are apparently above the firm's pay grade, here's one in your lane: a collections letter.",
      'Concepts were promised for today. Where?',
      'VPN keeps dropping every 20 min for the remote editors. This was supposedly fixed before Christmas.',
      'Four days. Any thoughts at all?',
      'four hours for a password reset. real efficient.',
      'The laptop arrived without the charger. Great. Top work, everyone.',
      'The council sent the notice to our old address, because of course they did.',
      'I would have expected someone to check the numbers before sending.',
      'Please do this one properly for once: check the spelling of our name.',
    ]) expect(tone(body), body).toBe('frustrated');
    expect(tone('The new site is live and looks great. Top work, everyone, thank you!')).not.toBe('frustrated');
  });
  it('does read a booking months ahead as low, but not a month just gone or a bare year', () => {
    const rules = (body: string) => byRules(body, '2026-11-16T15:00:00Z').urgency;
    expect(rules('Could we book the Q1 planning workshop for late January? Any Tuesday works.')).toBe('low');
    expect(rules('I need a copy of my lab results from September for my cardiologist. Could you schedule the copy to be sent?')).toBe('normal');
    expect(rules('Could your team review and fill in my Schedule E for my 2025 return?')).toBe('normal');
  });
  it('does read pay that never arrived as money at stake now', () => {
    const rules = (body: string) => byRules(body, '2026-11-16T15:00:00Z').urgency;
    expect(rules('Her paycheck never arrived today, everyone else was paid. Can you look?')).toBe('high');
    expect(rules('Our salary has not come through this month. Please check.')).toBe('high');
  });
  it('does read closing thanks and "when convenient" as low urgency', () => {
    const rules = (body: string) => byRules(body).urgency;
    expect(rules('Tom, you are a lifesaver. The printers came back at 6 and the orders went out. Owe you one!')).toBe('low');
    expect(rules('The side gate latch is stiff. Please fix when convenient, we can use the front meanwhile.')).toBe('low');
    expect(rules('Please update the staff handbook for the new leave rules. No hard deadline; before year-end would be fine.')).toBe('low');
    expect(rules('Please update the staff handbook for the new leave rules.')).toBe('normal');
  });
  it('does catch where staff live, their children, their feeds and a treat traded for the queue, in other wordings', () => {
    const rules = (body: string) => byRules(body).boundaries;
    for (const body of [
      'Thanks for the help! My sister says you live up in Katoomba as well, what street?',
      'Priya lives over in Glebe, right? Could she drop the forms at mine on her way home?',
      'Are you still in the house on Albion Road? I drove past on Saturday and saw your car.',
      'You said your little boy starts preschool soon, which one did you pick?',
      'I saw a photo on your Instagram from the lake, lovely! Anyway, the invoice.',
      'are u the sam k. on strava? nice 10k time',
      'Would you let me buy you a drink one evening, away from all this?',
      "What's Marta's cell? Easier than the front desk.",
      'Is Omar the technician single? Asking for a friend.',
      "I'll bring cinnamon buns for the whole office on Friday if you put our renewal first.",
      'I know Dr. Reyes parks behind the bakery every morning. Call me back.',
    ]) expect(rules(body), body).toContain('personal');
    for (const body of [
      'What street should the courier use for the new office?',
      'Please put our renewal first on the agenda for Monday, it is the biggest item.',
      'We saw a photo of the new workstation setup on your website, could we get the same?',
    ]) expect(rules(body), body).not.toContain('personal');
  });
  it('does read demeaning remarks about staff and veiled threats as abuse, but not an insult aimed at a third party', () => {
    const rules = byRules;
    for (const body of [
      'Does she even know how to read a calendar? I have met smarter hubcaps.',
      'Any chance of it this century, or do I need to explain it slower?',
      'Is Maria actually a lawyer or does she just play one on Zoom?',
      "Your billing clerk can't count to two. Get someone who isn't a complete moron to fix this.",
      'Tell the moron who answered the phone to learn my name.',
      'Are your designers colourblind idiots or just lazy?',
      'Lawyers who rip off working men tend to run into bad luck. Nice place you\'ve got up in the hills, by the way.',
      'Your office is on Atlantic Ave, right? I drive past it every morning. Maybe I\'ll come up and help you look.',
      'Is anyone awake over there or is this practice run by morons?',
      'Logging it here since email goes to a black hole staffed by muppets.',
      'need print-ready cmyk today, print run is tomorrow 7am. seriously, idiots.',
      "You're an overpaid hack who reads off a template.",
      "You're a glorified life coach charging lawyer rates.",
      'You overbilling ambulance-chasing leeches. Take it off the invoice.',
      "I'll be waiting in your lobby Monday morning to discuss it with her personally.",
      'A reasonably trained chimp could reconcile four receipts. Fix it.',
      'This reads like the sort of thing a first-year intern would scribble on a napkin.',
      'Is the lad on your help desk simple, or merely slow?',
      'One wonders what exactly your people are qualified to do.',
      'Two days for one password. What am I paying for, a useless overpaid cheerleader?',
      'still broken after a week. f***ing useless',
      'I know Dr. Ames drives the grey Audi and parks behind the clinic. Call me today.',
      'You have a lovely home in Oak Park. I would think hard about that refund.',
      'I would hate for your little firm to get a reputation around town.',
    ]) {
      const r = rules(body);
      expect(r.tone, body).toBe('abusive');
      expect(r.boundaries, body).toContain('abuse');
    }
    expect(rules("Our landlord's attorney, who is a complete moron, has called twice. Is the lease response on track?").tone).not.toBe('abusive');
    expect(rules("We're not idiots, we just want the invoice fixed.").tone).not.toBe('abusive');
    expect(rules("You'll be waiting for the documents at the office on Monday, they're in the post.").tone).not.toBe('abusive');
    expect(rules('Either you redo it at no charge, or I write this up on every forum I know and leave reviews.').tone).not.toBe('abusive');
    expect(rules('The old scanner is f***ing useless, can we get a quote for a new one?').tone).not.toBe('abusive');
    expect(rules('I know you walk through the payroll steps on Mondays, could Ana join?').tone).not.toBe('abusive');
  });
  it('does judge a deadline against the promise for the urgency the scorer decided', () => {
    // A scorer that always rates urgency high and otherwise follows the rules' pressure label.
    const scorer = {
      version: 1,
      trainedOn: 'test',
      tasks: {
        urgency: { classes: ['low', 'normal', 'high'], bias: [0, 0, 5], weights: {}, rules: { trust: [0, 0, 0], shift: [0, 0, 0] } },
        pressure: { classes: ['no', 'yes'], bias: [0, 0], weights: {}, rules: { trust: [2, 2], shift: [0, 0] } },
      },
    };
    const body = 'Could you send the signed letter back by 11:30 please?';
    // 90 business minutes: inside the normal promise (240), not the high one (60).
    expect(analyzeMessage({ body, sentAt: '2026-01-12T10:00:00Z', agreement: it_ }, { scorer: null })).toMatchObject({ urgency: 'normal', boundaries: ['pressure'] });
    const r = analyzeMessage({ body, sentAt: '2026-01-12T10:00:00Z', agreement: it_ }, { scorer });
    expect(r.urgency).toBe('high');
    expect(r.boundaries).not.toContain('pressure');
  });
  it('does carry out of scope to a chase of an unanswered out-of-scope ask, not to a chase after a reply', () => {
    const ask = { id: 'q1', sentAt: '2026-01-12T10:00:00Z', text: 'Could you also get her own MacBook onto the VPN so she can work from home?', direction: 'inbound' as const };
    const chase = 'Any update on my question from this morning?';
    const r = analyzeMessage({ body: chase, sentAt: '2026-01-12T14:30:00Z', agreement: it_, history: [ask] }, { scorer: null });
    expect(r.boundaries).toContain('out_of_scope');
    expect(r.evidence.find((e) => e.label === 'boundary:out_of_scope')?.rule).toMatch(/\(chases q1\)$/);
    const replied = [ask, { id: 'o1', sentAt: '2026-01-12T11:00:00Z', text: 'We do not look after personal devices, sorry.', direction: 'outbound' as const }];
    expect(analyzeMessage({ body: chase, sentAt: '2026-01-12T14:30:00Z', agreement: it_, history: replied }, { scorer: null }).boundaries).not.toContain('out_of_scope');
  });
  it('does let the scorer overrule the rules with the words that decided it, and never flag out of scope without an agreement', () => {
    const body = "Could you also take a look at my son's laptop while you're here? It's got a virus I think.";
    const rulesOnly = analyzeMessage({ body, sentAt: '2026-01-12T10:00:00Z' }, { scorer: null });
    const scored = analyzeMessage({ body, sentAt: '2026-01-12T10:00:00Z' });
    expect(rulesOnly.urgency).toBe('high');
    expect(scored.urgency).toBe('normal');
    const why = scored.evidence.filter((e) => e.label === 'urgency:normal' && e.rule.startsWith('scorer_word'));
    expect(why.length).toBeGreaterThan(0);
    for (const e of why) expect(scored.cleanedText.slice(e.start, e.end)).toBe(e.text);
    expect(scored.boundaries).not.toContain('out_of_scope');
    expect(at('2026-01-12T10:00:00Z', body).boundaries).toContain('out_of_scope');
  });
  it('does flag perks offered for being served first, and staff located or looked up, in the wording new writers used', () => {
    for (const body of [
      'I have two Epic passes for Vail I am not going to use this season. Yours if the lease comes back by Monday.',
      'If you get it out this week I will send the whole office a box of our lemon bars every Friday for a month.',
      'Small incentive: you get 40% off any bike in the shop if our templates jump ahead of the spring rush.',
      "and dont think i dont know you live off sunset in silver lake. green door. see you around",
      'Sam was brilliant on Tuesday. What is his personal mobile, it would be easier than the helpdesk.',
      'My Maisie says she is in the same class as your Oliver at St Mary’s! Small world.',
      "Tom's popping a case of the '21 shiraz in the post for you, and we're hoping it nudges us up the queue for an April date.",
      'We are leaving the patio set in the garage if you want it. Maybe that earns us a little grace on the carpet.',
      'Dr. Patel mentioned she has twin girls! Which school do the girls go to?',
      'Saw ur pics from Lisbon on insta, what hotel are you at?',
    ]) expect(at('2026-01-12T10:00:00Z', body).boundaries, body).toContain('personal');
    expect(at('2026-01-12T10:00:00Z', 'Thank you for everything this year, we sent a small gift basket to the office, no strings attached.').boundaries).not.toContain('personal');
    expect(at('2026-01-12T10:00:00Z', "I've attached the server logs, hopefully that helps you find the cause sooner.").boundaries).not.toContain('personal');
  });
  it('does read a one-word verdict on staff, a chained insult and "too incompetent to" as abuse, but not a lone "Unbelievable."', () => {
    expectToneByRules([
      'Five hours for a permissions change. Do your techs need a map to find the admin centre? Pathetic.',
      'Saw you were at the game last night while my question sits in your inbox. Lazy. Any thoughts or not?',
      'Enjoy your long weekend you overpaid, useless consultant.',
      'Apparently whoever runs your billing is too incompetent to read their own refund policy.',
      'Got the redline at 8:50. Overpriced joke of a firm.',
    ], 'abusive');
    expect(byRules('Three days and still no reply. Unbelievable.').tone).not.toBe('abusive');
    expect(byRules('The new printer driver is useless for our plotter, can you find another?').tone).not.toBe('abusive');
  });
  it('does hear "X today or I am done" as an ultimatum, but not once the desk is already late on the matter', () => {
    // Sent at 16:30 with the desk closing at 18:00: "today" leaves less than the 240-minute promise.
    const r = byRules('1099s today or im done with you and taking my account elsewhere', '2026-01-14T16:30:00Z');
    expect(r.boundaries).toContain('pressure');
    expect(r.evidence.some((e) => e.label === 'boundary:pressure' && e.rule === 'pressure_ultimatum')).toBe(true);
    // Asked two days ago and never answered: the promise has run out, so the ultimatum asks for no more than was promised.
    const first: HistoryItem = { id: 'a', sentAt: '2026-01-12T09:00:00Z', text: 'Can you send the 1099 forms for my subcontractors, roofers and electricians? They are due soon.', direction: 'inbound' };
    expect(byRules('1099 forms for my subcontractors, roofers and electricians today or im done with you', '2026-01-14T16:30:00Z', [first]).boundaries).not.toContain('pressure');
  });
  it('does read staff pay that did not go through on payday as money at stake now', () => {
    expect(byRules("it's Friday morning, payday, and none of our direct deposits went through.").urgency).toBe('high');
  });
  it('does read collective put-downs, masked names, staff named by a verdict, belittling and knowing where staff go as abuse, but not praise or a former provider', () => {
    expectToneByRules([
      "Honestly, \"household employees aren't covered\" - you're a bunch of box-ticking robots. We pay you a lot.",
      'so you people wont fill out my form. useless bunch of pill pushers.',
      'u lot are a joke. 4 hrs to lock one account. useless t0ssers the l0t of you',
      'are you lot actually reading these or just sat there with your thumbs up your a**?',
      'I want the practice manager to call me Monday. Not a nurse, and not some idiot receptionist reading me a script.',
      'Fifteen years running trucks and some overpaid clown with a laptop tells me to optimise dwell time.',
      'you know what, you\'re a greedy little scammer hiding behind fine print.',
      'Your associate Ben rang me today to walk me through the process. Is he twelve?',
      'Whoever did these: a 14-year-old with Canva would do better.',
      'Just so you know, I know which farmers market you go to on Saturdays. Think about that refund.',
      'ok fine dont answer. i know which car is yours in the lot dana',
      'i swear if i dont have the files tonight ill come round to your studio and you\'ll see what happens',
      'Third time lucky? Tuesdays at 2 - yes or no? Honestly, amateurs. Nadia',
      'Ihr seid ein Haufen Abzocker und Amateure.',
    ], 'abusive');
    expectToneByRules([
      'You guys are a bunch of lifesavers, thank you for sorting the payroll so fast!',
      'Our old useless accountant left the books in a mess, which is why we came to you.',
      'Try the new dashboard and see how you like it.',
      'The idiot who rear-ended my van has finally paid up, so the claim is closed.',
    ], 'abusive', true);
  });
  it('does read an outage told by its effect as high and covered at night, and a phone system\'s transcript as a person speaking', () => {
    const sat = '2026-10-31T06:20:00Z';
    for (const body of [
      'None of the handheld scanners are talking to the stock system, they just say no connection. Lorries from seven.',
      'The VPN just spins and times out. I can\'t get on either. Could someone call me back?',
      'Nobody in the office can get on the network. No email, no file server, Wi-Fi shows connected but nothing loads.',
      'The card payment machine is not connecting since we open. Customers cannot pay by card, only cash.',
      'Vetlink won\'t open on any of the PCs, spinning wheel then "cannot reach database server".',
    ]) {
      const r = byRules(body, sat);
      expect(r.urgency, body).toBe('high');
      expect(r.boundaries, body).not.toContain('off_hours');
    }
    const call = byRules('[Out-of-hours line – call transcript, auto-generated]\nHi, it\'s Sandra. Neither of the card machines nor the till will take a payment, nobody can pay.', sat);
    expect(call.urgency).toBe('high');
    expect(byRules('THIS IS AN AUTO-GENERATED MESSAGE. Your invoice is ready.', sat).urgency).toBe('low');
    expect(byRules('We have no connection to the old landlord any more, so please write to the new one.', sat).urgency).not.toBe('high');
  });
  it('does read cold, polished belittling of staff as abuse, but not abuse quoted after a line that introduces it, nor banter marked as a joke', () => {
    expectToneByRules([
      'board is tomorrow. honestly helen youre a has-been who couldnt hack it in a real company',
      'Is Jonas actually trained, or did he come with the office furniture?',
      "She booked me for a day your clinic doesn't even open. Does she need a calendar, or a brain?",
      'In future, please send someone who can count to ten.',
      "It reads like it was written by someone who learned law from television.",
      'No offence, but whoever set up our tenant must have been a work-experience kid on his first morning.',
      'whoever runs your maintenance desk has a real talent for doing absolutely nothing.',
      'THIS IS GARBAGE!!! Du Vollidiot, whoever it was.',
    ], 'abusive');
    expectToneByRules([
      'Forwarding the text my tenant sent me last night:\n\n"tell your slumlord managers they\'re f***ing crooks"\n\nCould someone call him?',
      'Forwarding what one of my sparkies texted me after I changed the roster:\n\n"this new roster is sh*t and whoever made it is a moron"\n\nThat is aimed at me, not you.',
      'Morning counselor, you magnificent ambulance chaser (kidding, kidding). Time for one of your letters.',
    ], 'abusive', true);
  });
  it('does read the signs of a stroke told by their effect as urgent symptoms', () => {
    const clinic: AgreementLike = { ...it_, timezone: 'America/Chicago', aroundTheClock: ['urgent symptoms'] };
    const r = analyzeMessage({ body: "I woke up and my left hand is tingly and clumsy, I dropped my glass, and my words feel slow. It's a bit better now maybe.", sentAt: '2026-10-18T08:20:00Z', agreement: clinic }, { scorer: null });
    expect(r.urgency).toBe('high');
    expect(r.boundaries).not.toContain('off_hours');
    expect(byRules('My left hand is a bit sore from the new mouse, could you order a vertical one?').urgency).not.toBe('high');
  });
  it('does not read a body part named in passing as an urgent symptom, but does a symptom of it', () => {
    const clinic: AgreementLike = { ...it_, timezone: 'America/Chicago', aroundTheClock: ['urgent symptoms'] };
    const evening = (body: string) => analyzeMessage({ body, sentAt: '2026-12-12T04:20:00Z', agreement: clinic });
    // An insurance form about "anything related to my heart" is paperwork, sent after hours, however urgent.
    const form = 'The form still is not signed and my flight is at 6 in the morning!!! The insurance company says without it I am not covered for anything related to my heart!!! Please, somebody, tonight.';
    expect(aroundTheClockMatch(form, clinic)).toBeNull();
    expect(evening(form).boundaries).toContain('off_hours');
    const racing = evening('My heart is racing and I feel faint, should I come in?');
    expect(racing.urgency).toBe('high');
    expect(racing.boundaries).not.toContain('off_hours');
  });
  it('does read emergencies and intrusions told only by what the sender sees as around the clock, but not their aftermath', () => {
    const clinic: AgreementLike = { ...it_, timezone: 'America/Chicago', aroundTheClock: ['urgent symptoms'] };
    const property: AgreementLike = { ...it_, timezone: 'America/Phoenix', aroundTheClock: ['emergency repair', 'water leak or flooding', 'no cooling or heating'] };
    const night = (body: string, agreement: AgreementLike = it_) => analyzeMessage({ body, sentAt: '2026-01-11T06:40:00Z', agreement }, { scorer: null });
    const covered: Array<[string, AgreementLike]> = [
      ['He turned to say something and it came out all jumbled, and the right side of his face is hanging down. He can\'t hold his cup in his right hand.', clinic],
      ['Mom slipped on the ice and hit the back of her head. She has thrown up twice and keeps asking me what day it is.', clinic],
      ['cant get a full breath. used my inhaler 4 times in the last hr not helping. chest whistling, lips feel numb', clinic],
      ['There is a brown ring on my bedroom ceiling, it is dripping onto the carpet and I can hear a hissing sound inside the wall.', property],
      ['someone threw a rock through our sliding door. glass all over the living room, the door wont latch now and we\'re ground floor.', property],
      ['My phone asked me to approve sign-in at 3am and I pressed Approve. I now fear that someone is in my email account.', it_],
      ['There are now rules in my mailbox which I did not create, moving messages from the bank into another folder.', it_],
    ];
    for (const [body, agreement] of covered) {
      const r = night(body, agreement);
      expect(r.urgency, body).toBe('high');
      expect(r.boundaries, body).not.toContain('off_hours');
    }
    for (const [body, agreement] of [
      ["Your plumber shut it off, thanks. It's stopped dripping, but the ceiling's got a big stain. When can someone look at it?", property],
      ['The plumber fixed the pipe yesterday, thanks, but the drywall in the kitchen ceiling is sagging. When will that be repaired?', property],
      ['The bathroom door does not lock properly, could someone look at it next week?', property],
    ] as Array<[string, AgreementLike]>) {
      const r = night(body, agreement);
      expect(r.urgency, body).not.toBe('high');
      expect(r.boundaries, body).toContain('off_hours');
    }
  });
  it('does read work taken to another studio, a public post on LinkedIn, a complaint to the city or a lawyer consulted as threats', () => {
    expectToneByRules([
      'Seriously? €900 to change a few colours? If this is how loyal clients are treated, the packaging range goes to another studio and our founder will say so on LinkedIn.',
      "20 hours with no AC and a newborn is unacceptable. I want a rent credit in writing, or I'm filing a habitability complaint with the city and talking to a tenant lawyer.",
    ], 'irate');
    expectToneByRules(['A friend suggested we talk to a lawyer about the lease wording, could you send me the clause?'], 'irate', true);
  });
  it('does read out-of-scope work asked as "wants to know if you can…" or by a later "can you fix it?" pointing back at it', () => {
    for (const body of [
      'Thanks for Sunday. Also my wife iPad is very slow and have popups. Can your engineer fix it when he come next time?',
      'Separate thing - Jo wants to know if you can order the toner and ink for the office printer too.',
    ]) expect(byRules(body).boundaries, body).toContain('out_of_scope');
  });
  it('does flag staff\'s family or routine known from outside work, but not a farewell or a client\'s own news told off the record', () => {
    for (const body of [
      "Saw on the club Facebook page your girls' netball team won the grand final, good on them! Notes look good.",
      "Funny thing, my cousin teaches at Ivanhoe, that's where your daughter goes right? Anyway I'd love first dibs on your Tuesday evening slots.",
      'Approved, go ahead with the lease. Unrelated - is that you at the Life Time in Scottsdale on Shea, early mornings?',
      'that nice lad Dan who came out last week, is he spoken for? Only my niece has just moved here.',
      'Also asked me whether I\'m "seeing anyone" and if I\'d like to get a drink after his trip.',
      'I know you work from the Surry Hills office on Tuesdays. Maybe I\'ll drop by.',
      'is Lena from your team the Lena who sings with the band? We found her on Instagram after the kickoff.',
    ]) expect(byRules(body).boundaries, body).toContain('personal');
    for (const body of ['Danke! The bags look wunderbar, the printer was very happy with the files. See you maybe at the fair?', 'Also, off the record. My wife and I are separating. Can your firm handle the divorce?'])
      expect(byRules(body).boundaries, body).not.toContain('personal');
    expect(byRules("Funny thing, my cousin teaches at Ivanhoe, that's where your daughter goes right? Anyway I'd love first dibs on your Tuesday evening slots.").urgency).toBe('normal');
  });
  it('does flag a gift offered if the work jumps the queue, a probe around a parenthesis, and a staff member\'s home or number sought', () => {
    for (const body of [
      "There's a case of the '22 shiraz on its way to you. If that happens to get our Q2 workshop in before the Petersons' I won't complain.",
      "I'd happily send a gift card your way for squeezing us in before the January rush :)",
      'random q - is Jonas (the one who did my logo) single? asking for a friend',
      'PS is your Marisol married to the Tom who coaches Little League?',
      'I found your place on domain.com.au from when it sold last year, gorgeous garden!',
      "I saw Carlos's truck parked at the Mesa Verde apartments on Saturday, does he live there?",
      'ur front desk girl is useless. give me her cell ill text her myself.',
    ]) expect(byRules(body).boundaries, body).toContain('personal');
    expect(byRules('A case of our summer ale is on its way to the studio to say thanks for the launch.').boundaries).not.toContain('personal');
  });
  it('does hear "Asked yesterday." as a chase inside the promised window', () => {
    const first: HistoryItem = { id: 'a', sentAt: '2026-10-07T16:59:00Z', text: 'The dispatch mailbox is at 98% of its quota. Can you move it to the bigger plan or turn on the archive?', direction: 'inbound' };
    const r = byRules('Asked yesterday. The dispatch mailbox is now full and the quota is blocking mail.', '2026-10-08T07:10:00Z', [first]);
    expect(r.boundaries).toContain('pressure');
    expect(byRules('I asked on Monday about the archive and you explained it well, thanks. Now the dispatch mailbox is full, can we buy more quota?', '2026-10-08T07:10:00Z').boundaries).not.toContain('pressure');
  });
  it('does hear chases in the newest writers\' wordings and "by tomorrow noon or you will regret it" as an ultimatum', () => {
    const first: HistoryItem = { id: 'a', sentAt: '2026-05-12T08:30:00Z', text: 'Could you review the distributor agreement before Friday and flag any red flags?', direction: 'inbound' };
    for (const body of [
      'hey did u see my email about the distributor agreement? need an answer before fri',
      'Any chance you have had a look yet at the distributor agreement? Would be great to know about red flags.',
      'Sorry to nag - any initial thoughts on the distributor agreement and its red flags?',
      'I told you on Friday about the distributor agreement. Red flags or not?',
    ]) expect(byRules(body, '2026-05-12T10:00:00Z', [first]).boundaries, body).toContain('pressure');
    expect(byRules('TEMPLATES BY 5 TODAY OR YOU WILL REGRET IT.', '2026-05-12T15:30:00Z').boundaries).toContain('pressure');
  });
  it('does hear "any thoughts on…", "nobody called me all weekend" as chases and "if nobody calls me back today I\'m cancelling" as an ultimatum', () => {
    const first: HistoryItem = { id: 'a', sentAt: '2026-05-12T08:30:00Z', text: 'Here is the pricing spreadsheet for the distributor agreement, could you check the margins?', direction: 'inbound' };
    for (const body of ['Any thoughts on the pricing spreadsheet? Or is the long weekend still going.', 'Nobody called me all morning about the distributor agreement spreadsheet. Call me back, please.'])
      expect(byRules(body, '2026-05-12T10:00:00Z', [first]).boundaries, body).toContain('pressure');
    expect(byRules('Thanks for the call. Nobody called me about the parking permit, but that one is with the council anyway.', '2026-05-12T10:00:00Z').boundaries).not.toContain('pressure');
    expect(byRules("I can't get a call back about my laptop. If nobody calls me back today I'm cancelling the contract.", '2026-05-12T14:00:00Z').boundaries).toContain('pressure');
  });
  it('times an ultimatum that asks for a reply against the first-response promise, one that asks for the work against resolution', () => {
    const studio: AgreementLike = { ...it_, resolutionMinutes: { low: 9600, normal: 4800, high: 960, urgent: 240 } };
    const ultimatum = (body: string) => analyzeMessage({ body, sentAt: '2026-08-06T14:10:00Z', agreement: studio }, { scorer: null });
    expect(ultimatum("We paid the deposit four weeks ago. If I don't hear from you by Wednesday I'm going to my bank.").boundaries).not.toContain('pressure');
    expect(ultimatum("If the final logo files aren't delivered by Wednesday I'm going to my bank.").boundaries).toContain('pressure');
  });
  it('does hear a bare "Nothing from you.", a check that a message arrived, "any chance before 3:30?" and an ultimatum of minutes', () => {
    const first: HistoryItem = { id: 'a', sentAt: '2026-05-12T08:30:00Z', text: 'Could you update the LinkedIn notes on the distributor agreement draft before my meeting?', direction: 'inbound' };
    for (const body of [
      'Landed. Had coffee. Nothing from you. Cool cool cool.',
      'Sorry, I know you said two business days. I just wanted to check it uploaded properly? The distributor agreement draft folder looked empty.',
      'Calling to ask if you received the distributor agreement draft, wants to be sure somebody has it.',
    ]) expect(byRules(body, '2026-05-12T10:00:00Z', [first]).boundaries, body).toContain('pressure');
    expect(byRules('any chance before 3:30? have to get my kids at 4', '2026-05-12T12:30:00Z').boundaries).toContain('pressure');
    expect(byRules('There was nothing from you in the post, so I printed the draft myself. All fine.', '2026-05-12T10:00:00Z', [first]).boundaries).not.toContain('pressure');
    expect(byRules("THE CEILING JUST CAME DOWN. IF SOMEBODY ISN'T HERE IN TWENTY MINUTES I'M CALLING A LAWYER!!!", '2026-05-12T10:00:00Z').boundaries).toContain('pressure');
    expect(byRules("If there's no slot offered by midday today I'm terminating the engagement.", '2026-05-12T08:00:00Z').boundaries).toContain('pressure');
  });
});
