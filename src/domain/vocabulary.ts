/**
 * Controlled vocabularies shared by the API, the database and the matching engine.
 *
 * The adaptation list is APPEND-ONLY: a code's position is its bit in the adaptation masks stored on
 * slots (used by search filters and the matching engine), so reordering would corrupt stored masks.
 * Adaptations are functional needs, never conditions: "quiet workspace", not a diagnosis.
 */
/** A code list as the non-empty tuple zod's enums take; every vocabulary here has entries. */
function nonEmpty<T>(items: readonly T[]): readonly [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('a vocabulary needs at least one code');
  return [first, ...rest];
}

export const adaptationVocabulary = [
  { code: 'quiet_workspace', group: 'environment', sv: 'Tyst arbetsplats', en: 'Quiet workspace' },
  {
    code: 'written_instructions',
    group: 'instructions',
    sv: 'Skriftliga instruktioner',
    en: 'Clear written instructions',
  },
  { code: 'flexible_start', group: 'time', sv: 'Flexibel starttid', en: 'Flexible start time' },
  { code: 'extended_supervision', group: 'support', sv: 'Utökad handledning', en: 'Extended supervision' },
  { code: 'slower_pace', group: 'time', sv: 'Lägre arbetstempo', en: 'Slower pace' },
  { code: 'breaks_when_needed', group: 'time', sv: 'Pauser vid behov', en: 'Breaks when needed' },
  { code: 'fixed_routines', group: 'instructions', sv: 'Fasta rutiner', en: 'Fixed routines' },
  {
    code: 'limited_social_contact',
    group: 'social',
    sv: 'Begränsad social kontakt',
    en: 'Limited social contact',
  },
  { code: 'step_free_access', group: 'physical', sv: 'Tillgängligt utan trappsteg', en: 'Step-free access' },
  { code: 'assistive_aids', group: 'physical', sv: 'Arbetshjälpmedel', en: 'Assistive aids' },
  {
    code: 'companion_at_start',
    group: 'support',
    sv: 'Medföljande stöd vid start',
    en: 'A companion at the start',
  },
  { code: 'reduced_stress', group: 'environment', sv: 'Låg stressnivå', en: 'Reduced stress' },
  {
    code: 'one_task_at_a_time',
    group: 'instructions',
    sv: 'En arbetsuppgift i taget',
    en: 'One task at a time',
  },
  { code: 'visual_schedule', group: 'instructions', sv: 'Visuellt schema', en: 'Visual schedule' },
  {
    code: 'noise_protection',
    group: 'environment',
    sv: 'Hörselskydd eller ljuddämpning',
    en: 'Hearing protection or noise reduction',
  },
  {
    code: 'own_workspace',
    group: 'environment',
    sv: 'Egen fast arbetsplats',
    en: 'A fixed workspace of one’s own',
  },
  { code: 'short_shifts', group: 'time', sv: 'Korta arbetspass', en: 'Short shifts' },
  { code: 'gradual_introduction', group: 'support', sv: 'Stegvis introduktion', en: 'Gradual introduction' },
  {
    code: 'regular_check_ins',
    group: 'support',
    sv: 'Regelbundna avstämningar med handledaren',
    en: 'Regular check-ins with the supervisor',
  },
  {
    code: 'advance_notice_of_changes',
    group: 'instructions',
    sv: 'Förvarning vid förändringar',
    en: 'Advance notice of changes',
  },
  {
    code: 'accessible_toilet',
    group: 'physical',
    sv: 'Tillgänglighetsanpassad toalett',
    en: 'Accessible toilet',
  },
  {
    code: 'language_support',
    group: 'support',
    sv: 'Stöd på annat språk än svenska',
    en: 'Support in a language other than Swedish',
  },
] as const;

export type AdaptationCode = (typeof adaptationVocabulary)[number]['code'];
export const adaptationCodes = nonEmpty(adaptationVocabulary.map((a) => a.code));
export const adaptationBit: Record<AdaptationCode, number> = Object.fromEntries(
  adaptationVocabulary.map((a, i) => [a.code, i]),
) as Record<AdaptationCode, number>;
export const adaptationByCode = new Map(adaptationVocabulary.map((a) => [a.code as string, a]));

/** One bit per code, in vocabulary order (fits in 31 bits, safe for SQLite and JS bitwise ops). */
export function adaptationMask(codes: Iterable<string>): number {
  let mask = 0;
  for (const code of codes) {
    const bit = adaptationBit[code as AdaptationCode];
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask;
}

/**
 * Bits of the offered adaptations that are not in place (only arrangeable): the engine gives those
 * CAN_ARRANGE_CREDIT of one in place (src/matching/score.ts), and the score bound reads this mask so
 * it can too. 0 reads as "all in place", the loosest bound, so a slot written without it is never
 * bounded below its score.
 */
export function canArrangeMask(adaptations: readonly { code: string; status: string }[]): number {
  const inPlace = adaptationMask(adaptations.filter((a) => a.status === 'in_place').map((a) => a.code));
  return adaptationMask(adaptations.map((a) => a.code)) & ~inPlace;
}

export const slotKinds = [
  'work_training',
  'work_trial',
  'internship',
  'subsidized_job',
  'competitive_job',
] as const;
export type SlotKind = (typeof slotKinds)[number];
export const slotKindLabels: Record<SlotKind, { sv: string; en: string }> = {
  work_training: { sv: 'Arbetsträning', en: 'Work training' },
  work_trial: { sv: 'Arbetsprövning', en: 'Work trial' },
  internship: { sv: 'Praktik', en: 'Internship' },
  subsidized_job: { sv: 'Anställning med stöd', en: 'Subsidised job' },
  competitive_job: { sv: 'Anställning på vanliga villkor', en: 'Competitive job' },
};

export const slotStatuses = ['open', 'paused', 'closed'] as const;
export type SlotStatus = (typeof slotStatuses)[number];

export const levels = ['low', 'medium', 'high'] as const;
export type Level = (typeof levels)[number];

export const adaptationStatuses = ['in_place', 'can_arrange'] as const;
export const needPriorities = ['must', 'nice'] as const;

/** Weekdays belong to schedules (src/lib/schedule.ts); the API's vocabulary names them too. */
export { type Weekday, weekdays } from '../lib/schedule';

/**
 * Support types a slot can be combined with (Arbetsförmedlingen's programmes; concept ids from the
 * JobTech taxonomy in db/reference/af-support-and-worktime-types.csv).
 */
export const subsidyVocabulary = [
  { code: 'lonebidrag', conceptId: 'zPrd_C98_SYZ', sv: 'Lönebidrag', en: 'Wage subsidy (lönebidrag)' },
  { code: 'nystartsjobb', conceptId: 'gXTZ_8H8_iXA', sv: 'Nystartsjobb', en: 'New start job' },
  {
    code: 'sarskilt_nystartsjobb',
    conceptId: 'J4z2_7Lk_ipZ',
    sv: 'Särskilt nystartsjobb',
    en: 'Special new start job',
  },
  {
    code: 'utvecklingsanstallning',
    conceptId: 'uMNj_3p7_kuR',
    sv: 'Utvecklingsanställning',
    en: 'Development employment',
  },
  {
    code: 'trygghetsanstallning',
    conceptId: 'uuC1_Yi6_wGk',
    sv: 'Trygghetsanställning',
    en: 'Security employment',
  },
  {
    code: 'skyddat_arbete_offentlig',
    conceptId: 'ehLZ_Gd3_3rD',
    sv: 'Skyddat arbete hos offentlig arbetsgivare',
    en: 'Sheltered work, public employer',
  },
  {
    code: 'arbetstraning_med_handledare',
    conceptId: '8PSW_xjD_E6B',
    sv: 'Arbetsträning med handledare',
    en: 'Work training with a supervisor',
  },
  { code: 'arbetspraktik', conceptId: 'CFBR_LNL_VGD', sv: 'Arbetspraktik', en: 'Work practice' },
  { code: 'introduktionsjobb', conceptId: 'hacE_rGN_vkw', sv: 'Introduktionsjobb', en: 'Introduction job' },
  { code: 'extratjanst', conceptId: 'NWTs_pUt_NEg', sv: 'Extratjänst', en: 'Extra service job' },
] as const;
export const subsidyCodes = nonEmpty(subsidyVocabulary.map((s) => s.code));

/** What a social enterprise's work-training places are for (the three kinds in DOMAIN.md). */
export const programmeKinds = ['daily_activity_lss', 'rehabilitation', 'stepping_stone'] as const;
/** Who may refer participants to a social enterprise. */
export const referralSources = [
  'arbetsformedlingen',
  'forsakringskassan',
  'social_services',
  'healthcare',
  'coordination_association',
  'self_referral',
] as const;
