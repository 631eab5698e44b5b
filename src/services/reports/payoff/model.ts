/**
 * The socio-economic model after Payoff (../shared/DOMAIN.md, "Payoff"; the example under "Nyckeltal"
 * in ../shared/seeds/003_b8aa375846be4f54.txt): what one person's move from a benefit to work releases
 * in a year, for society and for each party, term by term. Every assumption is named here with its
 * default and where it comes from, and every one can be changed per request (schemas.ts).
 *
 * With the defaults, Payoff's example (social assistance 8,000 kr a month before, unsubsidized
 * full-time work at 23,000 kr a month after) comes to about 510,000 kr a year for society and
 * 180,000 kr for the municipality, 60,000 kr of it tax: wage 276,000 + employer contributions 86,719
 * + agreed costs 27,600 + benefit no longer paid 96,000 + handling freed 24,000 = 510,319; and
 * 96,000 + 24,000 + municipal tax 60,002 = 180,002.
 */
import type { Label, Unit } from '../table';
import { label } from '../table';

export interface PayoffAssumptions {
  benefitMonthly: number;
  benefitPayer: 'municipality' | 'state';
  salaryMonthly: number;
  employerContributionRate: number;
  agreementCostRate: number;
  municipalTaxRate: number;
  handlingMonthly: number;
  wageSubsidyRate: number;
  countBenefitForSociety: boolean;
}

export type AssumptionKey = keyof PayoffAssumptions;

export interface AssumptionInfo {
  label: Label;
  unit: Unit | null;
  source: Label;
}

export const DEFAULT_ASSUMPTIONS: PayoffAssumptions = {
  benefitMonthly: 8000,
  benefitPayer: 'municipality',
  salaryMonthly: 23000,
  employerContributionRate: 0.3142,
  agreementCostRate: 0.1,
  municipalTaxRate: 0.2174,
  handlingMonthly: 2000,
  wageSubsidyRate: 0.5,
  countBenefitForSociety: true,
};

const payoffExample = 'Payoff, ”Nyckeltal” (seeds/003)';

/** What each assumption means and where its default comes from. */
export const ASSUMPTIONS: Record<AssumptionKey, AssumptionInfo> = {
  benefitMonthly: {
    label: label('Ersättning före, per månad', 'Benefit before, per month'),
    unit: 'kr',
    source: label(
      `${payoffExample}: försörjningsstöd 8 000 kr i månaden.`,
      `${payoffExample}: social assistance of 8,000 kr a month.`,
    ),
  },
  benefitPayer: {
    label: label('Vem betalade ersättningen', 'Who paid the benefit'),
    unit: null,
    source: label(
      'Försörjningsstöd betalas av kommunen (socialtjänstlagen); välj staten för t.ex. aktivitetsersättning.',
      'Social assistance is paid by the municipality (Social Services Act); choose the state for e.g. activity compensation.',
    ),
  },
  salaryMonthly: {
    label: label('Lön efter, per månad (heltid)', 'Wage after, per month (full time)'),
    unit: 'kr',
    source: label(
      `${payoffExample}: heltidsarbete utan lönesubvention, 23 000 kr i månaden.`,
      `${payoffExample}: full-time work without wage subsidy, 23,000 kr a month.`,
    ),
  },
  employerContributionRate: {
    label: label('Arbetsgivaravgifter', 'Employer contributions'),
    unit: 'percent',
    source: label(
      'Lagstadgade arbetsgivaravgifter 31,42 % av lönen (socialavgiftslagen 2000:980, Skatteverket).',
      'Statutory employer contributions, 31.42 % of the wage (Social Security Contributions Act 2000:980, Swedish Tax Agency).',
    ),
  },
  agreementCostRate: {
    label: label('Avtalade kostnader (pension, försäkringar)', 'Agreed costs (pension, insurance)'),
    unit: 'percent',
    source: label(
      'Kollektivavtalets tjänstepension och försäkringar, omkring 10 % av lönen; med 10 % blir Payoffs exempel 510 000 kr.',
      'Occupational pension and insurance under a collective agreement, about 10 % of the wage; at 10 % Payoff’s example comes to 510,000 kr.',
    ),
  },
  municipalTaxRate: {
    label: label('Kommunens del av inkomstskatten', 'The municipality’s share of the income tax'),
    unit: 'percent',
    source: label(
      `${payoffExample}: 60 000 kr i skatt till kommunen av en årslön på 276 000 kr, 21,74 % (i nivå med genomsnittlig primärkommunal skattesats, SCB).`,
      `${payoffExample}: 60,000 kr of tax to the municipality from a yearly wage of 276,000 kr, 21.74 % (of the order of the average municipal tax rate, Statistics Sweden).`,
    ),
  },
  handlingMonthly: {
    label: label('Handläggning som frigörs, per månad', 'Handling freed, per month'),
    unit: 'kr',
    source: label(
      `${payoffExample}: kommunens 180 000 kr är försörjningsstödet 96 000, skatten 60 000 och handläggningen 24 000 kr om året (2 000 kr i månaden).`,
      `${payoffExample}: the municipality’s 180,000 kr is the benefit 96,000, the tax 60,000 and handling 24,000 kr a year (2,000 kr a month).`,
    ),
  },
  wageSubsidyRate: {
    label: label('Lönestödets andel vid subventionerat arbete', 'Wage subsidy share in subsidized work'),
    unit: 'percent',
    source: label(
      'Antagande: Arbetsförmedlingen bestämmer lönestödet per person inom ett tak; 50 % om inget annat anges. Stödet ersätter nedsatt arbetsförmåga, så produktionen värderas till lönekostnaden minus stödet.',
      'Assumption: the Public Employment Service sets the wage subsidy per person within a ceiling; 50 % unless given. It compensates for reduced work capacity, so the work is valued at its wage cost less the subsidy.',
    ),
  },
  countBenefitForSociety: {
    label: label(
      'Räkna bortfallen ersättning som värde för samhället',
      'Count the benefit no longer paid as value to society',
    ),
    unit: null,
    source: label(
      'Payoff räknar den (ja). Välj nej för en välfärdsekonomisk kalkyl där ersättningen är en transferering; då är samhällets värde summan av parternas.',
      'Payoff counts it (yes). Choose no for a welfare-economic calculation in which the benefit is a transfer; society’s value is then the sum of the parties’.',
    ),
  },
};

/** The defaults with whatever the request changed. */
export function assumptionsOf(q: Partial<PayoffAssumptions>): PayoffAssumptions {
  const out = { ...DEFAULT_ASSUMPTIONS };
  for (const key of Object.keys(DEFAULT_ASSUMPTIONS) as AssumptionKey[]) {
    const v = q[key];
    if (v !== undefined) Object.assign(out, { [key]: v });
  }
  return out;
}

/** A yearly amount in one person's calculation, with who gains it and how it is computed. */
export interface Term {
  key: string;
  label: Label;
  yearly: number;
  /** Counted in society's value. */
  society: boolean;
  /** Which party gains it; null for the wage itself (its parts are the tax and the person's net). */
  party: Party | null;
  how: Label;
}

export type Party = 'municipality' | 'state' | 'person' | 'agreement';

export const partyLabels: Record<Party, Label> = {
  municipality: label('Kommunen', 'The municipality'),
  state: label('Staten', 'The state'),
  person: label('Personen (och regionen)', 'The person (and the region)'),
  agreement: label('Pension och försäkringar', 'Pension and insurance'),
};

const kr = (n: number) => Math.round(n);

/**
 * One person's year after moving from the benefit to work. `subsidized`: the work has a wage subsidy
 * (the state pays `wageSubsidyRate` of the wage cost, and the work is valued at the rest).
 */
export function personTerms(a: PayoffAssumptions, subsidized = false): Term[] {
  const wage = a.salaryMonthly * 12;
  const contributions = wage * a.employerContributionRate;
  const agreed = wage * a.agreementCostRate;
  const wageCost = wage + contributions + agreed;
  const subsidy = subsidized ? wageCost * a.wageSubsidyRate : 0;
  const benefit = a.benefitMonthly * 12;
  const handling = a.handlingMonthly * 12;
  const tax = wage * a.municipalTaxRate;
  const terms: Term[] = [
    {
      key: 'wage',
      label: label('Lön', 'Wage'),
      yearly: kr(wage),
      society: true,
      party: null,
      how: label('Månadslön × 12.', 'Monthly wage × 12.'),
    },
    {
      key: 'employer_contributions',
      label: label('Arbetsgivaravgifter', 'Employer contributions'),
      yearly: kr(contributions),
      society: true,
      party: 'state',
      how: label('Lön × arbetsgivaravgifter.', 'Wage × employer contribution rate.'),
    },
    {
      key: 'agreed_costs',
      label: label('Avtalade kostnader', 'Agreed costs'),
      yearly: kr(agreed),
      society: true,
      party: 'agreement',
      how: label('Lön × avtalade kostnader.', 'Wage × agreed cost rate.'),
    },
  ];
  if (subsidized)
    terms.push({
      key: 'wage_subsidy',
      label: label('Lönestöd (avdrag)', 'Wage subsidy (deducted)'),
      yearly: -kr(subsidy),
      society: true,
      party: 'state',
      how: label(
        'Lönekostnad × lönestödets andel: staten betalar den, och den ersätter nedsatt arbetsförmåga.',
        'Wage cost × subsidy share: the state pays it, and it compensates for reduced work capacity.',
      ),
    });
  terms.push(
    {
      key: 'benefit',
      label: label('Ersättning som inte längre betalas', 'Benefit no longer paid'),
      yearly: kr(benefit),
      society: a.countBenefitForSociety,
      party: a.benefitPayer,
      how: label('Ersättning per månad × 12.', 'Benefit per month × 12.'),
    },
    {
      key: 'handling',
      label: label('Handläggning som frigörs', 'Handling freed'),
      yearly: kr(handling),
      society: true,
      party: a.benefitPayer,
      how: label('Handläggning per månad × 12.', 'Handling per month × 12.'),
    },
    {
      key: 'municipal_tax',
      label: label('Kommunalskatt', 'Municipal tax'),
      yearly: kr(tax),
      society: false,
      party: 'municipality',
      how: label(
        'Lön × kommunens skattesats (en del av lönen, så den räknas inte två gånger för samhället).',
        'Wage × the municipal tax rate (part of the wage, so not counted twice for society).',
      ),
    },
    {
      key: 'person_net',
      label: label(
        'Personens lön efter kommunalskatt, minus ersättningen',
        'The person’s wage after municipal tax, less the benefit',
      ),
      yearly: kr(wage - tax - benefit),
      society: false,
      party: 'person',
      how: label(
        'Lön − kommunalskatt − ersättning före (personens del; regionens skatt ingår här).',
        'Wage − municipal tax − benefit before (the person’s part; the region’s tax is included here).',
      ),
    },
  );
  return terms;
}

/** What one person's move releases in a year: for society, and for each party. */
export function personValue(terms: readonly Term[]) {
  const society = terms.filter((t) => t.society).reduce((s, t) => s + t.yearly, 0);
  const byParty = (p: Party) => terms.filter((t) => t.party === p).reduce((s, t) => s + t.yearly, 0);
  return { society, municipality: byParty('municipality'), byParty };
}
