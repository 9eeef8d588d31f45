import { describe, expect, it } from 'vitest';
import { toneSignals } from './index.js';

const shouts = (text: string) => toneSignals(text).shouting;
/** Each of `quiet` is not shouting, each of `loud` is. */
function expectVolume(quiet: readonly string[], loud: readonly string[]): void {
  for (const text of quiet) expect(shouts(text), text).toBe(false);
  for (const text of loud) expect(shouts(text), text).toBe(true);
}

describe('shouting', () => {
  it('hears capitals and runs of marks raised in anger or alarm', () => {
    expect(shouts('WHY IS PAYROLL STILL BROKEN. Fix it.')).toBe(true);
    expect(shouts("It's been FORTY MINUTES and NOBODY HAS CALLED ME BACK! Where is the plumber?!")).toBe(true);
    expect(shouts('Caller: You dumb b!tch, JUST PUSH THE BUTTON AND SEND THE DAMN REFILL! HOW HARD IS IT?!\nStaff: I am going to end the call now.\nCaller: whatever')).toBe(true);
  });

  it('does not hear a message of joy, even where a sentence has no thanks in it', () => {
    expect(shouts("OMG I GOT THE JOB!!! SENIOR PM AT DUOLINGO!!! STARTING AUGUST!!! I literally screamed in the parking lot. THANK YOU THANK YOU!!!")).toBe(false);
  });

  it('does not hear merchant names copied from a card statement, nor news of joy in capitals', () => {
    expect(shouts("Three charges on the November Amex don't match: $412.18\nHENRY SCHEIN 11/6, $89.00 SQ *DDS MARKETING 11/12 and $1,150.00 PATTERSON\nDNTL 11/20. Can you tell me what they were?")).toBe(false);
    expect(shouts('HE PAID THE WHOLE 14K!!! two days after your letter. you guys are the best.')).toBe(false);
    expect(shouts('THEY SAID YES!!! The recruiter called an hour ago. Can we book a session next week?')).toBe(false);
    // Capitals next to a plain number are still volume.
    expect(shouts('I NEED THE PAYROLL FIXED BY 5 OR WE ARE DONE')).toBe(true);
  });

  it('does not hear glad news in capitals when the thanks come in another sentence, nor a success told with "!!!"', () => {
    expectVolume(
      [
        'MY A1C IS 5.9!!! DOWN FROM 7.2 IN APRIL!!! Thank you Dr. Patel and Keisha for not giving up on me. Walking every morning now.',
        'The labels were a big success!!! People were taking photos of the cans all day. Grazie mille.',
        'Katrin!!! The bags arrived and they look WUNDERSCHÖN!!! The whole team is in love.',
      ],
      // Thanks next to a complaint in capitals do not make it glad.
      ['THE REPORT IS WRONG AGAIN!!! THIRD TIME THIS MONTH!!! Thank you for nothing.', 'WHERE IS MY REFUND?!?! I was told TWO WEEKS. Thanks.'],
    );
  });

  it('does not hear capitals the sender explains (a stuck Caps Lock), a win told in capitals, or glad news with one small worry', () => {
    expectVolume(
      [
        "DEAR SIR OR MADAM,\n\nI AM AFRAID I CANNOT FIND HOW TO TURN OFF THE CAPITAL LETTERS ON THE OFFICE KEYBOARD, SO PLEASE FORGIVE WHAT MUST LOOK LIKE SHOUTING.\n\nTHE SHARED CALENDAR IS NOT SHOWING THE TRUSTEES' MEETING. COULD SOMEONE LOOK AT IT?",
        'WE WON GOLD AT THE AUSTRALIAN INTERNATIONAL BEER AWARDS!!! The Hazy Pale!!!',
        'I GOT DATADOG!!! THANK YOU THANK YOU THANK YOU.\n\nCan we do one last session on the offer? RSUs are confusing.',
        'The tins arrived and they look fantastic. THANK YOU!!!',
      ],
      // An explanation does not excuse anger, and "they won't" is no win.
      ['Sorry about the caps lock. YOU HAVE BILLED ME TWICE AND THIS IS A DISGRACE, YOU USELESS LOT!!!', "THEY WON'T LET ME INTO THE PORTAL AND NOBODY IS ANSWERING!!!"],
    );
  });

  it('does not hear a single ?! or one emphasised word', () => {
    expect(shouts('14 hours for a two-page lease amendment?! I could have written it myself.')).toBe(false);
    expect(shouts('The deadline is TODAY and I get an out-of-office?! Who is covering this?')).toBe(false);
  });

  it("does not hear a third party's shouting quoted inside a calm sentence", () => {
    expect(shouts('A patient slipped in our lobby. He emailed us: "YOU PEOPLE WILL PAY FOR THIS!!! SEE YOU IN COURT!!!" Could we get on a call about what to tell our insurer?')).toBe(false);
  });

  it('does not hear the capitals of an automated alert or job report', () => {
    expect(shouts('[M365 Defender → Brightwire webhook]\nSEVERITY: HIGH\nALERT: IMPOSSIBLE TRAVEL DETECTED\nUSER: s.hale@ashdownlegal.example\nACTION TAKEN: NONE (policy: alert only)')).toBe(false);
    expect(shouts('ALERT [Veeam] JOB FAILED: NAS-01 nightly backup | Error: ACCESS DENIED (0x80070005) | Host: PENN-FS01')).toBe(false);
  });

  it('does not hear a monitor writing key=value fields, nor capitals of joy in other words than thanks', () => {
    expect(shouts('source=brightwatch-monitor\nseverity=CRITICAL\nhost=kestrel-fw01 (10.20.0.1)\nstate=DOWN since 2026-03-14T23:04:51Z\nmessage=SITE-TO-SITE VPN TUNNEL DOWN. 0/3 TUNNELS UP.')).toBe(false);
    expect(shouts('THE TEMPLATES ARE SUPER!!! the whole team loves them, our instagram has never looked so good. danke danke danke')).toBe(false);
    expect(shouts('The bags arrived this morning and they look FANTASTISCH!!! Danke an alle!')).toBe(false);
    expect(shouts('THE TEMPLATES ARE WRONG!!! the whole team hates them')).toBe(true);
    expect(shouts('Hallo zusammen,\n\ndie Beutel sind da - WIR LIEBEN SIE!!! The customers at the market asked already where they can buy the new bag design as a poster, haha. Thank you for the patience with our third round.')).toBe(false);
  });

  it('does not take a recounted instruction in a glad message for a complaint', () => {
    expect(shouts('Dear Dr. Ruiz and all team,\n\nI want to say THANK YOU!!! You told me go to emergency that night and it was appendix, the surgeon said very good we came early. Now I am at home and recovering.\n\nWith big gratitude\nNina')).toBe(false);
    expect(shouts('You told me it would be fixed by Monday. IT IS STILL BROKEN!!!')).toBe(true);
  });
});
