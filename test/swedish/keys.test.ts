/** Search keys: word forms, derivations, folding and compounds as coaches and participants type them. */
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/lib/swedish/fold';
import { splitCompound, stemKey, textKeys, wordKeys } from '../../src/lib/swedish/keys';

const meet = (a: string, b: string) => textKeys(a).some((k) => textKeys(b).includes(k));

describe('Swedish search keys', () => {
  it('folds å, ä, ö and accents', () => {
    expect(fold('trädgård')).toBe('tradgard');
    expect(fold('café')).toBe('cafe');
    expect(fold('Öl')).toBe('Ol');
  });

  it('inflections and the derivations coaches use meet', () => {
    expect(stemKey('bakning')).toBe(stemKey('baka'));
    expect(stemKey('bakar')).toBe(stemKey('baka'));
    expect(stemKey('bageri')).toBe(stemKey('baka'));
    expect(stemKey('bageriet')).toBe(stemKey('bageri'));
    expect(stemKey('städning')).toBe(stemKey('städa'));
    expect(stemKey('verkstaden')).toBe(stemKey('verkstad'));
    expect(stemKey('kassan')).toBe(stemKey('kassa'));
    // "träning" is not the verb "träa".
    expect(stemKey('träning')).not.toBe(stemKey('trä'));
  });

  it('splits compounds against the lexicon', () => {
    expect(splitCompound(stemKey('bilverkstad'))).toEqual(['bil', stemKey('verkstad')]);
    expect(wordKeys('surdegsbageri')).toContain(stemKey('bageri'));
    expect(wordKeys('butiksbiträde')).toContain(stemKey('biträde'));
    expect(wordKeys('kontorsstädning')).toContain(stemKey('städning'));
  });

  it('meets what a coach expects and not what they do not', () => {
    expect(meet('bakning', 'baka bröd')).toBe(true);
    expect(meet('bakning', 'Bageribiträde i surdegsbageri')).toBe(true);
    expect(meet('verkstad', 'Verkstadsbiträde på bilverkstad')).toBe(true);
    expect(meet('tradgard', 'Trädgårdsarbetare i handelsträdgård')).toBe(true);
    expect(meet('cafe', 'Cafébiträde')).toBe(true);
    expect(meet('secondhand', 'Arbetsträning i café och second hand')).toBe(true);
    expect(meet('träd', 'Butiksbiträde')).toBe(false);
    expect(meet('träd', 'Köksbiträde')).toBe(false);
    expect(meet('disk', 'hårddiskar')).toBe(true);
    expect(meet('diska', 'diskplock')).toBe(true);
  });
});
