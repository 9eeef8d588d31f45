import { describe, expect, it } from 'vitest';
import { restatementOf } from './restate.js';

const sent = Date.parse('2026-11-26T22:20:00Z');
const call = { id: 'm1', sentAt: '2026-11-26T22:10:00Z', channel: 'phone', direction: 'inbound' as const, text: '[Emergency line] This is Amy Chen at 318 North Ocotillo. Our furnace made a burning smell and shut itself off an hour ago. It is 45 degrees in the house.' };

describe('restatementOf', () => {
  it('links a condensed retelling that says it repeats the last message on another channel', () => {
    const r = restatementOf('Called the emergency line, also logging here: furnace gave off a burning smell and shut off, no heat, 45 inside. 318 N Ocotillo.', 'portal', sent, [call]);
    expect(r?.id).toBe('m1');
    expect(r?.cue.toLowerCase()).toBe('called the emergency line');
  });

  it('does not link without the cue, on the same channel, to an older message, or on another topic', () => {
    const text = 'Furnace gave off a burning smell and shut off, no heat, 45 inside. 318 N Ocotillo.';
    expect(restatementOf(text, 'portal', Date.parse('2026-11-26T23:20:00Z'), [call])).toBeNull();
    expect(restatementOf(`Also logging here: ${text}`, 'phone', sent, [call])).toBeNull();
    const later = { id: 'm2', sentAt: '2026-11-26T22:15:00Z', channel: 'email', direction: 'inbound' as const, text: 'Unrelated: please send the lease renewal for unit 9.' };
    expect(restatementOf(`Also logging here: ${text}`, 'portal', sent, [later])).toBeNull();
    expect(restatementOf('I just emailed you the signed lease renewal for unit 9 and the pet addendum.', 'sms', sent, [call])).toBeNull();
    expect(restatementOf(`Also logging here: ${text}`, 'portal', Date.parse('2026-11-28T12:00:00Z'), [call])).toBeNull();
  });

  it('links "same as my email yesterday" and "same q as my email" to the message they restate', () => {
    const mail = { id: 'm4', sentAt: '2026-11-25T17:00:00Z', channel: 'email', direction: 'inbound' as const, text: 'The logo on the proofs says KRANISCH. Our name is Kranich. The sign maker needs the corrected files on Monday.' };
    expect(restatementOf('Same as my email yesterday. The name is KRANICH, without S. Please fix the files.', 'portal', Date.parse('2026-11-26T08:00:00Z'), [mail])?.id).toBe('m4');
    expect(restatementOf('same q as my email - the name on the logo files is Kranich, not Kranisch', 'sms', Date.parse('2026-11-26T08:00:00Z'), [mail])?.id).toBe('m4');
  });

  it('links "(also sent by mail)" and "I just sent an email about…" to the message they restate', () => {
    const mail = { id: 'm5', sentAt: '2026-12-16T09:40:00Z', channel: 'email', direction: 'inbound' as const, text: 'Could you please check if the name "Nordlicht" is already registered as a trademark for cosmetics in Germany and the EU? We do not want to print 20,000 jars and then get a letter from a lawyer.' };
    const at = Date.parse('2026-12-16T10:15:00Z');
    expect(restatementOf('Hello, could you check whether "Nordlicht" is already a registered trademark for cosmetics (DE and EU)? Before we print 20.000 jars. Thanks, Anke (also sent by mail)', 'portal', at, [mail])?.id).toBe('m5');
    expect(restatementOf('Hi, Anke here, I just sent an email about the Nordlicht trademark check for cosmetics in Germany and the EU before we print the jars.', 'phone', at, [mail])?.id).toBe('m5');
    // Sent by mail without "also" is the post, not a repeat.
    expect(restatementOf('The signed Nordlicht trademark papers for Germany and the EU were sent by mail yesterday, before we print the jars.', 'portal', at, [mail])).toBeNull();
  });

  it('links past an unrelated message in between, and prefers the channel the sender names', () => {
    const chase = { id: 'm2', sentAt: '2026-11-26T22:15:00Z', channel: 'sms', direction: 'inbound' as const, text: 'hello??' };
    const mail = { id: 'm3', sentAt: '2026-11-26T22:16:00Z', channel: 'email', direction: 'inbound' as const, text: 'Furnace at 318 North Ocotillo shut off with a burning smell, 45 degrees in the house.' };
    expect(restatementOf('Also logging here: furnace burning smell, shut off, 45 inside. 318 N Ocotillo.', 'portal', sent, [call, chase])?.id).toBe('m1');
    expect(restatementOf('See my email: furnace burning smell, shut off, 45 degrees inside. 318 N Ocotillo.', 'portal', sent, [call, chase, mail])?.id).toBe('m3');
  });

  it('reads the ways people say they are repeating themselves, but not a chase that asks whether it was seen', () => {
    for (const said of ['As I said on the phone:', 'Re-sending what I left on your voicemail:', 'Just left a voicemail on the emergency line -', 'Sent this by phone earlier as well.'])
      expect(restatementOf(`${said} furnace burning smell, shut off, 45 inside. 318 N Ocotillo.`, 'portal', sent, [call])?.id).toBe('m1');
    expect(restatementOf('Furnace burning smell, shut off, 45 inside. 318 N Ocotillo.', 'portal', sent, [call], 'Furnace (from voicemail):')?.id).toBe('m1');
    expect(restatementOf('did you see my voicemail? furnace burning smell, shut off, 45 inside at 318 N Ocotillo', 'portal', sent, [call])).toBeNull();
    expect(restatementOf('I left a voicemail at 10:10 about the furnace at 318 N Ocotillo, 45 inside and nobody has called back.', 'portal', sent, [call])).toBeNull();
  });

  it('links a close retelling moments later on another channel without a cue, but not a chase about the silence', () => {
    const mail = { id: 'e1', sentAt: '2026-11-01T21:50:00Z', channel: 'phone', direction: 'inbound' as const, text: 'Caller: Dimitri, Quayside Freight. Every file on the S drive has been renamed .lockbit and there is a ransom note on every desktop. We pulled the network cable. Call me on 07700 900412.' };
    const close = 'ransom note on all desktops, files on S drive renamed .lockbit. network cable pulled. pls call 07700 900412';
    expect(restatementOf(close, 'email', Date.parse('2026-11-01T22:05:00Z'), [mail])?.cue).toBe('same_words_moments_later');
    expect(restatementOf(close, 'email', Date.parse('2026-11-01T23:05:00Z'), [mail])).toBeNull();
    expect(restatementOf(close, 'phone', Date.parse('2026-11-01T22:05:00Z'), [mail])).toBeNull();
    expect(restatementOf('called the line 15 min ago, no callback. ransom note on all desktops, files on S drive renamed .lockbit', 'sms', Date.parse('2026-11-01T22:05:00Z'), [mail])).toBeNull();
    expect(restatementOf('check your email: ransom note, files renamed .lockbit, call 07700 900412', 'sms', Date.parse('2026-11-01T22:05:00Z'), [mail])?.id).toBe('e1');
  });

  it('reads a sender naming the other channel, and lets a chase retell only an earlier chase', () => {
    for (const said of ['Sent Marcus an email.', 'just put a request in the portal:', "I've just rung your helpdesk but want this in writing:", 'I just sent another email -'])
      expect(restatementOf(`${said} furnace burning smell, shut off, 45 inside. 318 N Ocotillo.`, 'portal', sent, [call])?.id).toBe('m1');
    // Naming an earlier message as the topic of a chase or a follow-up is not saying it is repeated.
    expect(restatementOf('Left a voicemail 30 min ago about the furnace at 318 N Ocotillo. Call me back in the next 15 minutes.', 'portal', sent, [call])).toBeNull();
    const waiting = { id: 'm4', sentAt: '2026-11-26T22:12:00Z', channel: 'email', direction: 'inbound' as const, text: 'Lease option on Pearl Street is due tomorrow at five and I have not had a reply since Tuesday. Please tell me we will make it.' };
    expect(restatementOf("I just emailed - the Pearl Street lease option is due tomorrow at five and I haven't heard back. Please call.", 'phone', sent, [waiting])?.id).toBe('m4');
    expect(restatementOf("I just emailed - the furnace at 318 N Ocotillo shut off, 45 inside, and I haven't heard back.", 'sms', sent, [call])).toBeNull();
  });

  it('links the same matter told again in other words moments later, but not a follow-up that says something changed', () => {
    const sms = { id: 's1', sentAt: '2026-12-12T04:00:00Z', channel: 'sms', direction: 'inbound' as const, text: 'Hi, Marcus in Camelback Villas 4B. The heater has been blowing cold air all evening. Thermostat says 56 inside and it is supposed to get down to 34 tonight. We have a 4 month old.' };
    const form = 'Property: Camelback Villas Unit: 4B Name: Marcus Oyelaran Category: Heating Description: Furnace runs but only blows cold air. Inside temp 56F and dropping. Infant in home.';
    expect(restatementOf(form, 'form', Date.parse('2026-12-12T04:18:00Z'), [sms])).toMatchObject({ id: 's1', cue: 'same_matter_in_other_words' });
    expect(restatementOf(form, 'form', Date.parse('2026-12-12T04:40:00Z'), [sms])).toBeNull();
    expect(restatementOf(`Update: ${form} Now 52 inside.`, 'form', Date.parse('2026-12-12T04:18:00Z'), [sms])).toBeNull();
  });
});
