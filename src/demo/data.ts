/**
 * Demo data: realistic but invented organizations, places and pseudonymous participants in the
 * south of Stockholm county and Uppsala, modelled on the reports in DOMAIN.md (a coordination
 * association's SE team, small private employers, a public employer and a social enterprise).
 */
import type { AdaptationCode, Level, SlotKind } from '../domain/vocabulary';
import type { StrengthCode } from '../domain/work-vocabulary';

export interface DemoSlotTemplate {
  title: string;
  occupation: { ssyk: string; label: string };
  tasks: string[];
  description: string;
  kind: SlotKind;
  social: Level;
  physical: Level;
  adaptations: [AdaptationCode, 'in_place' | 'can_arrange'][];
  /** Qualities the work suits (strength codes). */
  suits?: StrengthCode[];
}

export interface DemoEmployer {
  name: string;
  kind: 'employer' | 'social_enterprise';
  /** Nine digits; the check digit is computed. */
  number9: string;
  municipalityCode: string;
  contact: string;
  sites: { name: string; municipalityCode: string; address: string }[];
  supervisors: { name: string; trained: boolean; max: number }[];
  templates: DemoSlotTemplate[];
}

export const demoEmployers: DemoEmployer[] = [
  {
    name: 'Café Kanelbullen AB',
    kind: 'employer',
    number9: '556712345',
    municipalityCode: '0180',
    contact: 'kontakt@kanelbullen.example',
    sites: [
      { name: 'Kanelbullen Södermalm', municipalityCode: '0180', address: 'Götgatan 40, Stockholm' },
      { name: 'Kanelbullen Bakeriet', municipalityCode: '0126', address: 'Kommunalvägen 12, Huddinge' },
    ],
    supervisors: [
      { name: 'Maria Ek', trained: true, max: 2 },
      { name: 'Jonas Berg', trained: false, max: 1 },
    ],
    templates: [
      {
        title: 'Bageribiträde i surdegsbageri',
        occupation: { ssyk: '7612', label: 'Bagare och konditorer' },
        tasks: ['baka surdegsbröd', 'forma bullar', 'diska bakplåtar', 'packa beställningar'],
        description: 'Lugnt bageri med fasta rutiner på morgonen. Du arbetar bredvid en erfaren bagare.',
        kind: 'work_training',
        social: 'low',
        physical: 'medium',
        suits: ['careful', 'patient'],
        adaptations: [
          ['fixed_routines', 'in_place'],
          ['written_instructions', 'in_place'],
          ['flexible_start', 'can_arrange'],
          ['breaks_when_needed', 'in_place'],
        ],
      },
      {
        title: 'Cafébiträde',
        occupation: { ssyk: '9413', label: 'Kafé- och konditoribiträden' },
        tasks: ['servera kaffe', 'plocka disk', 'fylla på i disken', 'torka bord'],
        description: 'Café med många gäster. Kassan är frivillig; det finns uppgifter i köket.',
        kind: 'work_trial',
        social: 'high',
        physical: 'medium',
        adaptations: [
          ['extended_supervision', 'in_place'],
          ['slower_pace', 'can_arrange'],
          ['companion_at_start', 'can_arrange'],
        ],
      },
    ],
  },
  {
    name: 'Huddinge Bilverkstad AB',
    kind: 'employer',
    number9: '556798765',
    municipalityCode: '0126',
    contact: 'verkstad@huddingebil.example',
    sites: [
      { name: 'Verkstaden Flemingsberg', municipalityCode: '0126', address: 'Regulatorvägen 5, Huddinge' },
    ],
    supervisors: [
      { name: 'Ali Hassan', trained: true, max: 2 },
      { name: 'Peter Lund', trained: true, max: 1 },
    ],
    templates: [
      {
        title: 'Verkstadsbiträde på bilverkstad',
        occupation: { ssyk: '7231', label: 'Fordonsmekaniker' },
        tasks: ['däckbyten', 'tvätta bilar', 'sortera reservdelar', 'städa verkstaden'],
        description: 'Praktiskt arbete i liten verkstad. Tydliga uppgifter, en sak i taget.',
        kind: 'internship',
        social: 'low',
        physical: 'high',
        adaptations: [
          ['one_task_at_a_time', 'in_place'],
          ['noise_protection', 'in_place'],
          ['fixed_routines', 'in_place'],
        ],
      },
      {
        title: 'Lager och reservdelar',
        occupation: { ssyk: '4322', label: 'Lagerarbetare' },
        tasks: ['ta emot leveranser', 'plocka reservdelar', 'inventering'],
        description: 'Eget ansvar för reservdelslagret, lugn miljö.',
        kind: 'subsidized_job',
        social: 'low',
        physical: 'medium',
        adaptations: [
          ['quiet_workspace', 'in_place'],
          ['written_instructions', 'can_arrange'],
          ['own_workspace', 'in_place'],
        ],
      },
    ],
  },
  {
    name: 'Lagerhuset Logistik AB',
    kind: 'employer',
    number9: '556654321',
    municipalityCode: '0136',
    contact: 'hr@lagerhuset.example',
    sites: [
      { name: 'Terminal Jordbro', municipalityCode: '0136', address: 'Lagervägen 3, Haninge' },
      { name: 'Terminal Södertälje', municipalityCode: '0181', address: 'Hamngatan 8, Södertälje' },
    ],
    supervisors: [
      { name: 'Sara Nilsson', trained: true, max: 3 },
      { name: 'Mikael Holm', trained: false, max: 2 },
      { name: 'Fatima Ahmed', trained: true, max: 2 },
    ],
    templates: [
      {
        title: 'Lagerarbetare, plock och pack',
        occupation: { ssyk: '4322', label: 'Lagerarbetare' },
        tasks: ['plocka order', 'packa paket', 'märka kartonger', 'köra pirra'],
        description: 'Plock och pack i stort lager med tydliga scheman och checklistor.',
        kind: 'work_training',
        social: 'medium',
        physical: 'high',
        adaptations: [
          ['visual_schedule', 'in_place'],
          ['written_instructions', 'in_place'],
          ['regular_check_ins', 'in_place'],
          ['step_free_access', 'in_place'],
        ],
      },
      {
        title: 'Kontorsassistent på lagerkontor',
        occupation: { ssyk: '4119', label: 'Kontorsassistent' },
        tasks: ['registrera leveranser', 'skanna fraktsedlar', 'arkivera'],
        description: 'Administrativa uppgifter vid dator i ett lugnt kontor.',
        kind: 'work_trial',
        social: 'low',
        physical: 'low',
        adaptations: [
          ['quiet_workspace', 'in_place'],
          ['flexible_start', 'in_place'],
          ['assistive_aids', 'can_arrange'],
          ['advance_notice_of_changes', 'in_place'],
        ],
      },
    ],
  },
  {
    name: 'Grönt & Skönt Trädgård AB',
    kind: 'employer',
    number9: '556601122',
    municipalityCode: '0181',
    contact: 'info@grontochskont.example',
    sites: [{ name: 'Handelsträdgården', municipalityCode: '0181', address: 'Täljevägen 70, Södertälje' }],
    supervisors: [
      { name: 'Karin Svensson', trained: true, max: 3 },
      { name: 'Erik Wallin', trained: false, max: 1 },
    ],
    templates: [
      {
        title: 'Trädgårdsarbetare i handelsträdgård',
        occupation: { ssyk: '6112', label: 'Trädgårdsodlare' },
        tasks: ['plantera', 'vattna', 'ogräsrensning', 'skötsel av växthus'],
        description: 'Arbete utomhus och i växthus, i egen takt, med små grupper.',
        kind: 'work_training',
        social: 'low',
        physical: 'medium',
        adaptations: [
          ['slower_pace', 'in_place'],
          ['breaks_when_needed', 'in_place'],
          ['limited_social_contact', 'in_place'],
          ['gradual_introduction', 'in_place'],
        ],
      },
      {
        title: 'Butiksbiträde i trädgårdsbutik',
        occupation: { ssyk: '5223', label: 'Butikssäljare, fackhandel' },
        tasks: ['prismärka', 'fylla på hyllor', 'hjälpa kunder', 'kassa'],
        description: 'Butik med säsongsvariation, mycket kundkontakt på helger.',
        kind: 'competitive_job',
        social: 'high',
        physical: 'medium',
        adaptations: [['regular_check_ins', 'in_place']],
      },
    ],
  },
  {
    name: 'Uppsala kommun, Stadsbyggnadsförvaltningen',
    kind: 'employer',
    number9: '212000301',
    municipalityCode: '0380',
    contact: 'arbetsmarknad@uppsala.example',
    sites: [
      { name: 'Parkenheten Boländerna', municipalityCode: '0380', address: 'Bolandsgatan 2, Uppsala' },
      {
        name: 'Fastighetsservice Gottsunda',
        municipalityCode: '0380',
        address: 'Gottsunda centrum, Uppsala',
      },
    ],
    supervisors: [
      { name: 'Lena Åberg', trained: true, max: 3 },
      { name: 'Johan Ström', trained: true, max: 2 },
    ],
    templates: [
      {
        title: 'Parkarbetare',
        occupation: { ssyk: '6113', label: 'Parkarbetare' },
        tasks: ['plocka skräp', 'kratta löv', 'sköta planteringar', 'tömma papperskorgar'],
        description: 'Utomhusarbete i parker i arbetslag om tre. Kan leda till anställning.',
        kind: 'subsidized_job',
        social: 'medium',
        physical: 'high',
        adaptations: [
          ['fixed_routines', 'in_place'],
          ['extended_supervision', 'can_arrange'],
          ['companion_at_start', 'can_arrange'],
        ],
      },
      {
        title: 'Vaktmästare, fastighetsservice',
        occupation: { ssyk: '5152', label: 'Fastighetsskötare' },
        tasks: ['enklare reparationer', 'byta lampor', 'sortera post', 'körning med servicebil'],
        description: 'Varierande uppgifter i skolor och förskolor.',
        kind: 'work_trial',
        social: 'medium',
        physical: 'medium',
        adaptations: [
          ['written_instructions', 'in_place'],
          ['advance_notice_of_changes', 'can_arrange'],
        ],
      },
    ],
  },
  {
    name: 'Macken Arbetsintegrerande Socialt Företag ek. för.',
    kind: 'social_enterprise',
    number9: '769623456',
    municipalityCode: '0126',
    contact: 'hej@macken.example',
    sites: [
      { name: 'Macken Huddinge centrum', municipalityCode: '0126', address: 'Sjödalstorget 1, Huddinge' },
    ],
    supervisors: [
      { name: 'Nadia Karlsson', trained: true, max: 4 },
      { name: 'Olle Sjöberg', trained: true, max: 4 },
    ],
    templates: [
      {
        title: 'Arbetsträning i café och second hand',
        occupation: { ssyk: '9412', label: 'Restaurangbiträde' },
        tasks: ['sortera skänkta kläder', 'prismärka', 'baka kakor', 'diska'],
        description: 'Långsiktig arbetsträning i egen takt. Handledare finns alltid på plats.',
        kind: 'work_training',
        social: 'medium',
        physical: 'low',
        adaptations: [
          ['quiet_workspace', 'can_arrange'],
          ['slower_pace', 'in_place'],
          ['breaks_when_needed', 'in_place'],
          ['extended_supervision', 'in_place'],
          ['flexible_start', 'in_place'],
          ['gradual_introduction', 'in_place'],
        ],
      },
      {
        title: 'Cykelverkstad för arbetsträning',
        occupation: { ssyk: '7233', label: 'Cykelreparatör' },
        tasks: ['laga punkteringar', 'justera växlar', 'rekonditionera begagnade cyklar'],
        description: 'Liten grupp, max sex deltagare, tisdagar och torsdagar.',
        kind: 'work_training',
        social: 'low',
        physical: 'medium',
        adaptations: [
          ['one_task_at_a_time', 'in_place'],
          ['visual_schedule', 'in_place'],
          ['limited_social_contact', 'can_arrange'],
        ],
      },
    ],
  },
];

export const demoProvider = {
  name: 'Samordningsförbundet Östra Södertörn, SE-teamet',
  number9: '222000456',
  municipalityCode: '0136',
  contact: 'se-teamet@ostrasodertorn.example',
  people: [
    { name: 'Anna Lind', email: 'anna.lind@ostrasodertorn.example', role: 'handler' as const },
    { name: 'Omar Haddad', email: 'omar.haddad@ostrasodertorn.example', role: 'handler' as const },
    { name: 'Eva Berg', email: 'eva.berg@ostrasodertorn.example', role: 'coordinator' as const },
  ],
};

/** Participants as a handler would record them: codes, strengths, wishes, hours, functional needs. */
export const demoParticipants = [
  {
    strengths: ['noggrann', 'tålmodig'],
    interests: ['bageri', 'bakning'],
    avoid: ['kassa'],
    now: 6,
    target: 20,
    needs: [
      ['fixed_routines', 'must'],
      ['quiet_workspace', 'nice'],
    ],
    m: '0126',
    kinds: [],
  },
  {
    strengths: ['händig', 'teknisk'],
    interests: ['bilar', 'verkstad'],
    avoid: [],
    now: 10,
    target: 30,
    needs: [['one_task_at_a_time', 'must']],
    m: '0126',
    kinds: [],
  },
  {
    strengths: ['ordningsam'],
    interests: ['lager', 'logistik'],
    avoid: ['kundkontakt'],
    now: 8,
    target: 25,
    needs: [
      ['written_instructions', 'must'],
      ['visual_schedule', 'nice'],
    ],
    m: '0136',
    kinds: [],
  },
  {
    strengths: ['gillar att vara ute'],
    interests: ['trädgård', 'växter'],
    avoid: [],
    now: 4,
    target: 15,
    needs: [
      ['breaks_when_needed', 'must'],
      ['slower_pace', 'nice'],
    ],
    m: '0181',
    kinds: ['work_training'],
  },
  {
    strengths: ['datorvana', 'strukturerad'],
    interests: ['kontor', 'administration'],
    avoid: ['buller'],
    now: 12,
    target: 30,
    needs: [
      ['quiet_workspace', 'must'],
      ['flexible_start', 'nice'],
    ],
    m: '0136',
    kinds: [],
  },
  {
    strengths: ['social', 'serviceinriktad'],
    interests: ['café', 'servering'],
    avoid: [],
    now: 10,
    target: 20,
    needs: [['extended_supervision', 'nice']],
    m: '0180',
    kinds: [],
  },
  {
    strengths: ['kreativ'],
    interests: ['second hand', 'kläder'],
    avoid: ['stress'],
    now: 5,
    target: 12,
    needs: [
      ['slower_pace', 'must'],
      ['gradual_introduction', 'nice'],
    ],
    m: '0126',
    kinds: [],
  },
  {
    strengths: ['fysiskt stark'],
    interests: ['park', 'utomhusarbete'],
    avoid: [],
    now: 15,
    target: 35,
    needs: [['companion_at_start', 'nice']],
    m: '0380',
    kinds: [],
  },
  {
    strengths: ['tekniskt intresserad'],
    interests: ['cyklar', 'reparationer'],
    avoid: [],
    now: 6,
    target: 16,
    needs: [['visual_schedule', 'must']],
    m: '0126',
    kinds: [],
  },
  {
    strengths: ['lugn', 'pålitlig'],
    interests: ['fastighetsskötsel'],
    avoid: ['kassa'],
    now: 8,
    target: 20,
    needs: [['written_instructions', 'nice']],
    m: '0380',
    kinds: ['work_trial', 'subsidized_job'],
  },
  {
    strengths: ['noggrann'],
    interests: ['sortering', 'lager'],
    avoid: [],
    now: 4,
    target: 10,
    needs: [
      ['limited_social_contact', 'must'],
      ['breaks_when_needed', 'nice'],
    ],
    m: '0136',
    kinds: [],
  },
  {
    strengths: ['tycker om djur'],
    interests: ['trädgård'],
    avoid: ['tunga lyft'],
    now: 6,
    target: 20,
    needs: [['step_free_access', 'must']],
    m: '0181',
    kinds: [],
  },
] as const;
