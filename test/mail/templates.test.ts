/** Rendering is pure: Swedish first with English beside it, plain text and HTML, escaped, no secrets. */
import { describe, expect, it } from 'vitest';
import { notificationTemplates } from '../../db/schema';
import { adaptationVocabulary } from '../../src/domain/vocabulary';
import { renderMail, type TemplateData } from '../../src/mail/templates';

const base = 'https://se-registret.example/';
const placement = {
  recipientName: 'Sara Ek',
  placementId: 'plc_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
  slotTitle: 'Lagerarbetare <plock & pack>',
  employerName: 'Lager & Logistik AB',
};
const samples: { [T in keyof TemplateData]: TemplateData[T] } = {
  api_key_issued: {
    recipientName: 'Karin Lund',
    organizationName: 'SE Södertörn',
    issuedBy: 'Per Holm',
    keyPrefix: 'sek_AbCdEf',
    keyId: 'key_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
  },
  placement_proposed: placement,
  placement_accepted: placement,
  placement_declined: { ...placement, declineReason: 'timing' },
  placement_withdrawn: { ...placement, byEmployer: false },
  agreement_approval_wanted: { ...placement, version: 2, party: 'employer' },
  slot_digest: {
    recipientName: 'Sara Ek',
    date: '2027-01-05',
    slots: [
      { slotId: 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R', title: 'Bageribiträde', municipality: 'Huddinge' },
      { slotId: 'slt_01JD3S2Q7ZK4V0X9YB6N5M8T2S', title: 'Lagerarbetare', municipality: 'Stockholm' },
    ],
    events: ['notify:slot.opened:slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R:2027-01-04T09:00:00.000Z'],
  },
  followup_due: {
    recipientName: 'Sara Ek',
    placementId: placement.placementId,
    slotTitle: 'Lagerarbetare',
    employerName: 'Lager & Logistik AB',
    startDate: '2027-01-10',
    kind: 'first_contact',
  },
  milestone_due: {
    recipientName: 'Sara Ek',
    followUpId: 'fup_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
    cause: 'exit',
    months: 6,
    baseDate: '2027-01-10',
  },
  sign_in_link: { recipientName: 'Sara Ek', organizationName: 'Lager & Logistik AB', token: 'tok_abc' },
};

const render = <T extends keyof TemplateData>(t: T) => renderMail(t, samples[t], base);

describe.each(notificationTemplates.map((t) => [t]))('%s', (template) => {
  const mail = render(template);

  it('has a subject, a plain-text and an HTML body, Swedish first with English beside it', () => {
    const [sv, en] = mail.subject.split(' / ');
    expect(sv?.length).toBeGreaterThan(0);
    expect(en?.length).toBeGreaterThan(0);
    const textSv = mail.text.indexOf('Hej');
    const textEn = mail.text.indexOf('Hello');
    expect(textSv).toBeGreaterThanOrEqual(0);
    expect(textEn).toBeGreaterThan(textSv);
    expect(mail.text.indexOf('---------- In English ----------')).toBeGreaterThan(textSv);
    const htmlSv = mail.html.indexOf('<div lang="sv">');
    expect(htmlSv).toBeGreaterThanOrEqual(0);
    expect(mail.html.indexOf('<div lang="en">')).toBeGreaterThan(htmlSv);
  });

  it('links into the service in both languages, with the base URL once-slashed', () => {
    const links = mail.text.match(/https:\/\/se-registret\.example\/\S+/g) ?? [];
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(links.every((l) => !l.includes('example//'))).toBe(true);
    expect(mail.html).toMatch(/<a href="https:\/\/se-registret\.example\/[^"]+">/);
  });

  it('escapes parameters in HTML and names no adaptation need', () => {
    expect(mail.html).not.toMatch(/<plock|& pack|Lager & Logistik/);
    for (const a of adaptationVocabulary)
      for (const word of [a.code, a.sv, a.en]) {
        expect(mail.text).not.toContain(word);
        expect(mail.html).not.toContain(word);
      }
  });
});

describe('template details', () => {
  it('api_key_issued names the issuer, the prefix and how to revoke, never more of the key', () => {
    const m = render('api_key_issued');
    expect(m.text).toContain('Per Holm har utfärdat en API-nyckel till dig för SE Södertörn');
    expect(m.text).toContain('Nyckeln börjar med sek_AbCdEf');
    expect(m.text).toContain('återkalla');
    expect(m.text).toContain('revoke');
    const platform = renderMail('api_key_issued', { ...samples.api_key_issued, issuedBy: null }, base);
    expect(platform.text).toContain('Plattformens administratör har utfärdat');
    expect(platform.text).toContain('The platform administrator issued');
  });

  it('placement_declined carries the reason in both languages', () => {
    const m = render('placement_declined');
    expect(m.text).toContain('(skäl: tidpunkten passar inte)');
    expect(m.text).toContain('(reason: the timing does not suit)');
  });

  it('placement_withdrawn says who withdrew', () => {
    expect(render('placement_withdrawn').text).toContain('har tagits tillbaka av SE-handledaren');
    const byEmployer = renderMail('placement_withdrawn', { ...placement, byEmployer: true }, base);
    expect(byEmployer.text).toContain('Lager & Logistik AB har tagit tillbaka sitt ja');
  });

  it('slot_digest lists each slot with its municipality and link, and counts beyond 20', () => {
    const m = render('slot_digest');
    expect(m.subject).toBe('2 nya platser som kan passa / 2 new slots that may fit');
    expect(m.text).toContain(
      '- Bageribiträde, Huddinge\n  https://se-registret.example/slots/slt_01JD3S2Q7ZK4V0X9YB6N5M8T2R',
    );
    const many = Array.from({ length: 23 }, (_, i) => ({
      slotId: `slt_${String(i).padStart(26, '0')}`,
      title: `Plats ${i}`,
      municipality: 'Solna',
    }));
    const big = renderMail('slot_digest', { ...samples.slot_digest, slots: many }, base);
    expect(big.text).toContain('… och 3 till.');
    expect(big.text).toContain('… and 3 more.');
    expect(big.text).not.toContain('Plats 20,');
  });

  it('followup_due explains the IPS rhythm for each kind', () => {
    expect(render('followup_due').text).toContain('inom tre dagar');
    const weekly = renderMail('followup_due', { ...samples.followup_due, kind: 'weekly' }, base);
    expect(weekly.text).toContain('weekly');
    const monthly = renderMail('followup_due', { ...samples.followup_due, kind: 'monthly' }, base);
    expect(monthly.text).toContain('utan slutdatum');
  });
});
