/**
 * A customer's company name reduced to what identifies it, so that channel-conflict matching compares
 * companies, not spellings: case, accents, punctuation, `&`/`and`, a leading "The" and legal-form suffixes
 * (Inc, Ltd, LLC, GmbH, SA, BV, …) do not count. Fuzzy matching (trigram similarity) runs on the result.
 */

/** Legal forms, as token sequences after punctuation is gone ("S.A." → "s a", "GmbH & Co. KG" → "gmbh and co kg"). */
const LEGAL_FORMS: readonly string[][] = [
  'gmbh and co kg',
  'gmbh and co',
  'pty ltd',
  'pvt ltd',
  'co ltd',
  'sdn bhd',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'l l c',
  'l l p',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ug',
  'se',
  'sa',
  's a',
  'sas',
  's a s',
  'sarl',
  'srl',
  's r l',
  'spa',
  's p a',
  'sl',
  's l',
  'bv',
  'b v',
  'nv',
  'n v',
  'ab',
  'as',
  'a s',
  'asa',
  'aps',
  'oy',
  'oyj',
  'kk',
  'k k',
  'pte',
  'pty',
  'bhd',
].map((form) => form.split(' '));

function tokens(name: string): string[] {
  return (
    name
      .normalize('NFKD')
      // accents go with their letters' marks: "Société" and "Societe" are one company
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
  );
}

const endsWith = (words: string[], form: string[]) =>
  words.length > form.length && form.every((w, i) => words[words.length - form.length + i] === w);

/** The identifying part of a company name; empty only when the name has no letters or digits at all. */
export function normalizeCompanyName(name: string): string {
  let words = tokens(name);
  if (words.length > 1 && words[0] === 'the') words = words.slice(1);
  // "Acme Holding Co. Ltd": strip legal forms from the end until none is left, never the whole name
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const form of LEGAL_FORMS) {
      if (endsWith(words, form)) {
        words = words.slice(0, words.length - form.length);
        stripped = true;
        break;
      }
    }
  }
  return words.join(' ');
}
