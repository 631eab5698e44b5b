import { count } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import type { Db } from '../adapters/db/types';
import { platformActor } from '../auth/actor';
import type { AdaptationCode } from '../domain/vocabulary';
import type { Window } from '../lib/schedule';
import { luhnValid } from '../lib/swedish-ids';
import { municipalityByCode } from '../reference';
import type { Services } from '../services';
import { demoEmployers, demoParticipants, demoProvider } from './data';

/** Small seeded PRNG (mulberry32) so the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends the Luhn check digit to nine digits. */
function withCheckDigit(nine: string) {
  for (let d = 0; d <= 9; d++) if (luhnValid(nine + d)) return nine + d;
  throw new Error('unreachable');
}

const week = (days: Window['day'][], start: string, end: string): Window[] =>
  days.map((day) => ({ day, start, end }));
const schedules = [
  { windows: week(['mon', 'tue', 'wed', 'thu', 'fri'], '08:00', '12:00'), min: 4, max: 20 },
  { windows: week(['mon', 'wed', 'fri'], '09:00', '15:00'), min: 6, max: 18 },
  { windows: week(['tue', 'thu'], '10:00', '14:30'), min: 3, max: 9 },
  { windows: week(['mon', 'tue', 'wed', 'thu'], '07:00', '16:00'), min: 10, max: 32 },
];

export interface DemoKey {
  organization: string;
  person: string;
  role: string;
  key: string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '');

/** Fixed demo keys, so the README can show them. Never seed demo data in production. */
const demoKeyFor = (role: string, person: string) => `sek_demo_${role}_${slug(person.split(' ')[0]!)}`;

export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) === 0;
}

/**
 * Fills an empty database with the demo registry through the same services the API uses, so every
 * invariant, index task and derived field is as in real use. Returns the demo keys.
 */
export async function seedDemo(services: Services, today = '2026-12-01'): Promise<DemoKey[]> {
  const random = seededRandom(20261129);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const keys: DemoKey[] = [];
  const issue = async (
    orgId: string,
    orgName: string,
    name: string,
    role: 'admin' | 'employer' | 'enterprise' | 'handler' | 'coordinator',
  ) => {
    const email = `${slug(name)}@${slug(orgName).slice(0, 20)}.example`;
    const issued = await services.apiKeys.issue(
      platformActor,
      orgId,
      { name, email, role },
      demoKeyFor(role, name),
    );
    keys.push({ organization: orgName, person: name, role, key: issued.key });
    return issued;
  };

  for (const e of demoEmployers) {
    const org = await services.organizations.create(platformActor, {
      name: e.name,
      kind: e.kind,
      organizationNumber: withCheckDigit(e.number9),
      contactEmail: e.contact,
      municipalityCode: e.municipalityCode,
    });
    const role = e.kind === 'employer' ? 'employer' : 'enterprise';
    const first = e.supervisors[0]!;
    const owner = await issue(org.id, e.name, first.name, role);
    const actor = await services.apiKeys.authenticate(owner.key);
    if (!actor) throw new Error('demo key did not authenticate');

    const sites = [];
    for (const s of e.sites) {
      // Spread sites a little around the municipality seat, as real addresses would be.
      const seat = municipalityByCode.get(s.municipalityCode)!;
      const lat = seat.lat + (random() - 0.5) * 0.04;
      const lon = seat.lon + (random() - 0.5) * 0.08;
      sites.push(await services.sites.create(actor, { ...s, lat, lon }));
    }
    const supervisors = [];
    for (const s of e.supervisors)
      supervisors.push(
        await services.supervisors.create(actor, {
          name: s.name,
          email: `${slug(s.name)}@${slug(e.name).slice(0, 20)}.example`,
          phone: `08-${String(Math.floor(random() * 9e6) + 1e6).replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3')}`,
          trained: s.trained,
          maxParticipants: s.max,
          languages: random() < 0.3 ? ['sv', 'en'] : ['sv'],
        }),
      );

    for (const t of e.templates)
      for (const site of sites)
        for (let variant = 0; variant < 3; variant++) {
          const schedule = schedules[(variant + sites.indexOf(site)) % schedules.length]!;
          const openEnded = t.kind === 'work_training' || random() < 0.5;
          const start = new Date(`${today}T00:00:00Z`);
          start.setUTCDate(start.getUTCDate() + Math.floor(random() * 60));
          const startDate = start.toISOString().slice(0, 10);
          const end = new Date(start);
          end.setUTCMonth(end.getUTCMonth() + pick([3, 6, 12]));
          await services.slots.create(actor, {
            siteId: site.id,
            title: variant === 0 ? t.title : `${t.title} (${['förmiddag', 'heltid', 'deltid'][variant]})`,
            description: t.description,
            tasks: t.tasks,
            occupation: t.occupation,
            kind: t.kind,
            capacity: 1 + Math.floor(random() * 3),
            schedule: schedule.windows,
            hoursPerWeek: { min: schedule.min, max: schedule.max },
            startDate,
            endDate: openEnded ? null : end.toISOString().slice(0, 10),
            openEnded,
            supervisorIds: supervisors
              .filter((_, i) => i === variant % supervisors.length || random() < 0.3)
              .map((s) => s.id),
            adaptations: t.adaptations.map(([code, status]) => ({ code, status })),
            environment: { socialIntensity: t.social, physicalDemand: t.physical },
            subsidies:
              t.kind === 'subsidized_job'
                ? ['lonebidrag']
                : t.kind === 'work_training'
                  ? ['arbetstraning_med_handledare']
                  : [],
            leadsToHire: t.kind !== 'work_training' && random() < 0.6,
            suits: t.suits ?? [],
            status: 'open',
          });
        }

    if (e.kind === 'social_enterprise')
      await services.capacity.create(actor, {
        siteId: sites[0]!.id,
        title: 'Arbetsträning i café, second hand och cykelverkstad',
        description:
          'Långsiktig arbetsträning med handledare på plats. Tar emot via AF, FK och socialtjänst.',
        activityAreas: ['café', 'second hand', 'cykelverkstad', 'trädgård'],
        municipalityCode: e.municipalityCode,
        places: 24,
        placesTaken: 17,
        participantsPerSupervisor: 4,
        programmes: ['rehabilitation', 'stepping_stone'],
        referralSources: [
          'arbetsformedlingen',
          'forsakringskassan',
          'social_services',
          'coordination_association',
        ],
        hoursPerWeek: { min: 4, max: 30 },
        status: 'open',
      });
  }

  const provider = await services.organizations.create(platformActor, {
    name: demoProvider.name,
    kind: 'provider',
    organizationNumber: withCheckDigit(demoProvider.number9),
    contactEmail: demoProvider.contact,
    municipalityCode: demoProvider.municipalityCode,
  });
  const handlers = [];
  for (const p of demoProvider.people) {
    const issued = await issue(provider.id, demoProvider.name, p.name, p.role);
    if (p.role === 'handler') handlers.push(issued);
  }
  for (const [i, p] of demoParticipants.entries()) {
    const handler = handlers[i % handlers.length]!;
    const actor = await services.apiKeys.authenticate(handler.key);
    if (!actor) throw new Error('demo key did not authenticate');
    await services.participants.create(actor, {
      reference: `SE-2026-${String(101 + i).padStart(3, '0')}`,
      strengths: [...p.strengths],
      interests: [...p.interests],
      avoid: [...p.avoid],
      availability: week(
        ['mon', 'tue', 'wed', 'thu', 'fri'],
        i % 2 ? '09:00' : '08:00',
        i % 3 ? '15:00' : '13:00',
      ),
      hoursPerWeek: { now: p.now, target: p.target },
      rampUp: [
        { afterWeeks: 4, hoursPerWeek: Math.min(p.target, p.now + 4) },
        { afterWeeks: 12, hoursPerWeek: Math.min(p.target, p.now + 10) },
      ],
      adaptationNeeds: p.needs.map(([code, priority]) => ({ code: code as AdaptationCode, priority })),
      location: { municipalityCode: p.m },
      maxTravelKm: 25,
      preferences: p.kinds.length ? { kinds: [...p.kinds] } : {},
    });
  }
  return keys;
}

/** The demo keys that still work (after the first run they are not in the database in plain text). */
export async function demoKeys(services: Services): Promise<DemoKey[]> {
  const out: DemoKey[] = [];
  const people = [
    ...demoEmployers.map((e) => ({
      org: e.name,
      name: e.supervisors[0]!.name,
      role: e.kind === 'employer' ? 'employer' : 'enterprise',
    })),
    ...demoProvider.people.map((p) => ({ org: demoProvider.name, name: p.name, role: p.role })),
  ];
  for (const p of people) {
    const key = demoKeyFor(p.role, p.name);
    if (await services.apiKeys.authenticate(key))
      out.push({ organization: p.org, person: p.name, role: p.role, key });
  }
  return out;
}
