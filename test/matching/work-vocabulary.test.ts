/**
 * What a person avoids and is good at, and what they want over more hours (issue #14): categories a
 * coach types in their own words, read against what slots state, with the reason shown.
 */
import { describe, expect, it } from 'vitest';
import { avoidCategoriesOf, strengthOf } from '../../src/domain/work-vocabulary';
import { explain, rankSlots, renderReason } from '../../src/matching';
import { phraseNeedleLists } from '../../src/matching/participant';
import { slotTerms } from '../../src/matching/terms';
import { suitsTerm } from '../../src/matching/text';
import { everyDay, participant, slot, TODAY } from './fixtures';

const opts = { today: TODAY };

const warehouse = slot({
  id: 'warehouse',
  title: 'Lagerarbetare, plock',
  description: 'Stort lager.',
  tasks: ['Plocka order', 'Packa varor'],
  occupationLabel: 'Lager- och terminalpersonal',
  ssyk: '4322',
  physicalDemand: 'high',
});
const office = slot({
  id: 'office',
  title: 'Kontorsstöd',
  description: 'Lugnt kontor.',
  tasks: ['Sortera post', 'Skanna dokument'],
  occupationLabel: 'Kontorsassistenter',
  ssyk: '4119',
  physicalDemand: 'low',
});

describe('avoid categories', () => {
  it('recognises the words a coach types, and the codes', () => {
    expect(avoidCategoriesOf('tunga lyft')).toEqual(['heavy_lifting']);
    expect(avoidCategoriesOf('Stå hela dagen')).toEqual(['standing_all_day']);
    expect(avoidCategoriesOf('kassa')).toEqual(['cash_handling']);
    expect(avoidCategoriesOf('kvällar och helger')).toEqual(['evenings_weekends']);
    expect(avoidCategoriesOf('heavy_lifting')).toEqual(['heavy_lifting']);
    expect(avoidCategoriesOf('disk')).toEqual([]);
  });

  it('"tunga lyft" against high physical demand: a gap with the reason, and not the top match', () => {
    const p = participant({ interests: ['lager'], strengths: [], avoid: ['tunga lyft'] });
    const ranked = rankSlots([warehouse, office], p, opts);
    expect(ranked.map((m) => m.slotId)).toEqual(['office', 'warehouse']);
    const w = ranked.find((m) => m.slotId === 'warehouse')!;
    expect(w.gaps).toContainEqual({ code: 'avoid_conflict', params: { category: 'heavy_lifting' } });
    expect(w.score).toBeLessThan(0.6); // below the digest's threshold
    expect(renderReason(w.gaps.find((g) => g.code === 'avoid_conflict')!, 'sv')).toBe(
      'Innehåller något deltagaren vill undvika: tunga lyft',
    );
    // Without the wish to avoid it, the warehouse (named in the interests) comes first.
    const plain = rankSlots([warehouse, office], { ...p, avoid: [] }, opts);
    expect(plain[0]!.slotId).toBe('warehouse');
  });

  it('reads early mornings and evenings from the supervised windows', () => {
    const early = slot({ id: 'early', schedule: everyDay('05:30', '12:00') });
    const p = participant({ avoid: ['tidiga morgnar'], availability: everyDay('05:00', '16:00') });
    const r = explain(p, early, opts);
    expect(r.eligible && r.match.gaps.some((g) => g.code === 'avoid_conflict')).toBe(true);
  });
});

describe('strengths', () => {
  it('an adjective meets slots through the work it suits', () => {
    expect(strengthOf('noggrann')?.strength.code).toBe('careful');
    expect(strengthOf('tålmodig')?.strength.code).toBe('patient');
    const p = participant({ strengths: ['noggrann'], interests: [], avoid: [] });
    const r = explain(p, office, opts);
    expect(r.eligible && r.match.reasons).toContainEqual({
      code: 'strengths_match',
      params: { terms: ['noggrann'] },
    });
  });

  it('a slot can name the qualities it suits', () => {
    const s = slot({
      id: 'zoo',
      title: 'Djurskötare',
      tasks: ['Mata djuren'],
      description: 'Passar den som är tålmodig.',
    });
    const r = explain(participant({ strengths: ['tålmodig'], interests: [], avoid: [] }), s, opts);
    expect(r.eligible && r.match.reasons).toContainEqual({
      code: 'strengths_match',
      params: { terms: ['tålmodig'] },
    });
  });
});

describe('qualities a slot names from the strengths vocabulary (slots.suits)', () => {
  // Nothing in these words meets "strukturerad" or "datorvan"; only the slot's field does.
  const kennel = slot({
    id: 'kennel',
    title: 'Hundpensionat',
    tasks: ['Rasta hundar'],
    description: 'Hundar i alla storlekar.',
    occupationLabel: 'Djurskötare',
    ssyk: '5164',
  });

  it('a participant naming the strength (in words or as the code) gets it as a reason', () => {
    const suited = { ...kennel, suits: ['structured'] };
    for (const strength of ['strukturerad', 'structured', 'Ordningsam']) {
      const r = explain(participant({ strengths: [strength], interests: [], avoid: [] }), suited, opts);
      expect(r.eligible && r.match.reasons).toContainEqual({
        code: 'strengths_match',
        params: { terms: [strength] },
      });
      const plain = explain(participant({ strengths: [strength], interests: [], avoid: [] }), kennel, opts);
      expect(plain.eligible && plain.match.reasons.some((x) => x.code === 'strengths_match')).toBe(false);
      if (r.eligible && plain.eligible) expect(r.match.score).toBeGreaterThan(plain.match.score);
    }
    const r = explain(participant({ strengths: ['strukturerad'], interests: [], avoid: [] }), suited, opts);
    const reason = r.eligible ? r.match.reasons.find((x) => x.code === 'strengths_match') : undefined;
    expect(reason && renderReason(reason, 'sv')).toBe('Tar vara på styrkor: strukturerad');
  });

  it('another strength than the one named does not count', () => {
    const r = explain(
      participant({ strengths: ['datorvan'], interests: [], avoid: [] }),
      { ...kennel, suits: ['structured'] },
      opts,
    );
    expect(r.eligible && r.match.reasons.some((x) => x.code === 'strengths_match')).toBe(false);
  });

  it('the stored terms carry them, so the score bound counts them too', () => {
    const text = { title: kennel.title, tasks: kennel.tasks, occupationLabel: kennel.occupationLabel };
    expect(slotTerms({ ...text, ssyk: null, suits: ['structured'] })).toContain(suitsTerm('structured'));
    expect(slotTerms({ ...text, ssyk: null })).not.toContain(suitsTerm('structured'));
    const needles = phraseNeedleLists(participant({ strengths: ['strukturerad'], interests: [], avoid: [] }));
    expect(needles.strengths[0]).toContain(suitsTerm('structured'));
  });
});

describe('what the person wants outweighs more hours', () => {
  it('a bakery near by beats a car workshop with more hours, for someone interested in baking', () => {
    const bakery = slot({ id: 'bakery', hoursMax: 8, lat: 59.3401, lon: 18.0686 }); // about 1.2 km
    const workshop = slot({
      id: 'workshop',
      title: 'Verkstadsbiträde på bilverkstad',
      description: 'Bilverkstad.',
      tasks: ['Tvätta bilar', 'Städa verkstaden'],
      occupationLabel: 'Fordonsmekaniker',
      ssyk: '7231',
      hoursMax: 30,
    });
    const p = participant({ interests: ['bakning'], strengths: [], avoid: [] });
    expect(rankSlots([workshop, bakery], p, opts).map((m) => m.slotId)).toEqual(['bakery', 'workshop']);
    const r = explain(p, bakery, opts);
    expect(r.eligible && r.match.reasons).toContainEqual({
      code: 'interests_match',
      params: { terms: ['bakning'] },
    });
  });

  it('an occupation named as an interest meets slots of its group whatever their words', () => {
    const kitchen = slot({
      id: 'kitchen',
      title: 'Köksbiträde',
      tasks: ['Hålla ordning'],
      description: '',
      occupationLabel: 'Restaurang- och köksbiträden',
      ssyk: '9412',
    });
    const r = explain(participant({ interests: ['diskare'], strengths: [], avoid: [] }), kitchen, opts);
    expect(r.eligible && r.match.reasons).toContainEqual({
      code: 'interests_match',
      params: { terms: ['diskare'] },
    });
  });
});
