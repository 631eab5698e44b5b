/**
 * Names compared and sorted the Swedish way on both SQLite engines (libSQL on Node and D1 on
 * Workers, which have neither ICU nor custom collations): the write path stores each organization's
 * folded name and sort key (organizations.name_folded, name_sort), the list compares and orders by
 * them byte by byte (SQLite's BINARY), and the typed text is folded here the same way.
 *
 * - fold: lower case for every letter (å ä ö é ü … too, not only A–Z as SQLite's lower()); accents
 *   kept, so "åhléns" finds "Åhléns", "ÖSTRA" finds "Östra", and "a" does not find "å".
 * - sort key: the folded name with å, ä, ö after z (in that order; æ as ä, ø as ö), ü as y and other
 *   accented letters as their base letter (é as e), as Swedish dictionaries order them.
 *
 * Rows written before the columns were filled by the migration's SQL (backfillSql below): the same
 * tables, for the letters they name (Latin-1 and the usual Latin Extended-A).
 */

/** Upper-case letters outside A–Z and their lower case (Latin-1 and the usual Latin Extended-A). */
export const UPPER_TO_LOWER: Readonly<Record<string, string>> = Object.fromEntries(
  [...'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ', ...'ĀĂĄĆČĎĐĒĖĘĚĞĪĮİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŲŸŹŻŽ'].map((u) => [
    u,
    u === 'İ' ? 'i' : u.toLowerCase(),
  ]),
);

/** After z: å, ä, ö (U+007B–U+007D sort right after "z" in bytes). */
const AFTER_Z = { å: '{', ä: '|', ö: '}' } as const;

/** Folded letters and what they sort as. Letters not named here sort as themselves. */
export const SORT_AS: Readonly<Record<string, string>> = {
  ...AFTER_Z,
  æ: AFTER_Z.ä,
  ø: AFTER_Z.ö,
  ü: 'y',
  ...Object.fromEntries(
    (
      [
        ['a', 'àáâãāăą'],
        ['c', 'çćč'],
        ['d', 'ďđð'],
        ['e', 'èéêëēėęě'],
        ['g', 'ğ'],
        ['i', 'ìíîïīįı'],
        ['l', 'ł'],
        ['n', 'ñńň'],
        ['o', 'òóôõōő'],
        ['r', 'ř'],
        ['s', 'śşš'],
        ['t', 'ţť'],
        ['u', 'ùúûūůűų'],
        ['y', 'ýÿ'],
        ['z', 'źżž'],
      ] as const
    ).flatMap(([base, accented]) => [...accented].map((ch) => [ch, base])),
  ),
};

/** The text folded as stored (NFC first, so a decomposed "Å" is the letter Å). */
export function foldName(text: string): string {
  return [...text.normalize('NFC')].map((ch) => UPPER_TO_LOWER[ch] ?? ch.toLowerCase()).join('');
}

const MARKS = /\p{M}/gu;

/** The key names are sorted by (what name_sort holds). */
export function sortKey(name: string): string {
  return [...foldName(name)].map((ch) => SORT_AS[ch] ?? ch.normalize('NFD').replace(MARKS, '')).join('');
}

/** The stored columns for a name: every write of organizations.name writes these with it. */
export const nameColumns = (name: string) => ({ nameFolded: foldName(name), nameSort: sortKey(name) });

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * The migration's backfill, from the tables above: SQLite's lower() (A–Z), then the other letters by
 * replace(), a few at a time (SQLite's parser refuses replace() nested much past 30).
 */
export function backfillSql(table: string, name: string, folded: string, sorted: string): string[] {
  const passes = (column: string, map: Readonly<Record<string, string>>) => {
    const entries = Object.entries(map);
    const out: string[] = [];
    for (let i = 0; i < entries.length; i += 16) {
      const expr = entries
        .slice(i, i + 16)
        .reduce((e, [from, to]) => `replace(${e}, ${quote(from)}, ${quote(to)})`, `\`${column}\``);
      out.push(`UPDATE \`${table}\` SET \`${column}\` = ${expr};`);
    }
    return out;
  };
  return [
    `UPDATE \`${table}\` SET \`${folded}\` = lower(\`${name}\`);`,
    ...passes(folded, UPPER_TO_LOWER),
    `UPDATE \`${table}\` SET \`${sorted}\` = \`${folded}\`;`,
    ...passes(sorted, SORT_AS),
  ];
}
