// One German word form → its dictionary form, part of speech, and a noun's gender and plural, from
// the data in dictionary.ts; null for a form the data does not know (guessGermanBaseForm then).
import { guessBaseForm } from '@/lib/vocabulary/base-form';
import { closedClass, beforeNounPhrase } from './closed-class';
import { germanDictionary, own, type GermanDictionary } from './dictionary';
import { wordContext, type WordContext } from './sentence';
import { type Gender, type GermanWord } from './types';
import { germanWordIn } from './word';

const GENDERS: Record<'M' | 'F' | 'N', Gender> = { M: 'der', F: 'die', N: 'das' };
/** Particles a separable verb leaves at the end of its clause ("kommt ... an"). */
const SEPARABLE_PREFIXES = new Set(
  `ab an auf aus bei bereit dabei dagegen daher dahin daran darauf dar davon dazu durch ein empor entgegen
  fest fort frei gegenüber heim her herab heran herauf heraus herbei herein herum herunter hervor hin
  hinab hinauf hinaus hinein hinunter hinzu hoch kennen klar los mit nach nieder offen statt teil um
  vor voran voraus vorbei vorüber weg weiter wieder zu zurecht zurück zusammen zuvor`.split(/\s+/),
);
/** Comparatives and superlatives not made by rule. */
const IRREGULAR_DEGREES: Record<string, string> = {
  besser: 'gut', best: 'gut', höher: 'hoch', höchst: 'hoch', größt: 'groß', näher: 'nah', nächst: 'nah',
  mehr: 'viel', meist: 'viel', lieber: 'gern', liebst: 'gern',
};
const ADJECTIVE_ENDINGS = ['', 'e', 'en', 'em', 'er', 'es'];
/** Suffixes that make adjectives, for lower-case words the data lacks ("nordkoreanische"). */
const ADJECTIVE_SUFFIX = /(?:isch|lich|ig|bar|sam|haft|los)$/;

const lower = (word: string) => word.toLocaleLowerCase('de-DE');
const upperFirst = (word: string) => word.charAt(0).toLocaleUpperCase('de-DE') + word.slice(1);
const lowerFirst = (word: string) => word.charAt(0).toLocaleLowerCase('de-DE') + word.slice(1);

function result(form: string, baseForm: string, partOfSpeech: GermanWord['partOfSpeech'], gender: Gender | null = null, plural: string | null = null): GermanWord {
  return { form, baseForm, partOfSpeech, gender, plural, source: 'dictionary' };
}

function isAdjectiveLemma(dict: GermanDictionary, word: string): boolean {
  return dict.adjectiveForms.get(word) === word;
}

function asNoun(dict: GermanDictionary, form: string, word: string): GermanWord | null {
  const lemma = dict.nounForms.get(word);
  if (lemma === undefined) return null;
  const entry = dict.nouns.get(lemma) ?? { lemma, gender: null, plural: null };
  // A noun made from an adjective ("der Verbündete", "die Abgeordneten"): the data files it under the
  // last gender it saw, often "das", and under the strong form ("Verbündeter"). Dictionaries list it
  // with the weak ending, as "der/die": the masculine is given. Feminine nouns ("die Weite") are left.
  const weak = entry.lemma.endsWith('er') ? entry.lemma.slice(0, -1) : entry.lemma;
  if (entry.gender !== 'F' && weak.endsWith('e') && isAdjectiveLemma(dict, lower(weak.slice(0, -1)))) {
    return result(form, weak, 'noun', 'der', `${weak}n`);
  }
  return result(form, entry.lemma, 'noun', entry.gender ? GENDERS[entry.gender] : null, entry.plural);
}

function asVerb(dict: GermanDictionary, form: string, word: string, context: WordContext): GermanWord | null {
  const infinitive = dict.verbForms.get(word);
  if (infinitive === undefined) return null;
  const prefix = context.clauseLast;
  if (prefix !== null && SEPARABLE_PREFIXES.has(prefix) && !dict.participlesOnly.has(word) && dict.infinitives.has(prefix + infinitive)) {
    return result(form, prefix + infinitive, 'verb');
  }
  return result(form, infinitive, 'verb');
}

/** Positive form of an inflected, comparative or superlative adjective ("engere" → eng, "größten" → groß). */
function positiveOf(dict: GermanDictionary, word: string): string | null {
  const direct = dict.adjectiveForms.get(word);
  if (direct !== undefined) return direct;
  for (const ending of ADJECTIVE_ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, word.length - ending.length);
    const irregular = own(IRREGULAR_DEGREES, stem);
    if (irregular !== undefined) return irregular;
    const bare = stem.endsWith('est') ? stem.slice(0, -3) : stem.endsWith('st') || stem.endsWith('er') ? stem.slice(0, -2) : null;
    if (bare === null || bare.length < 2) continue;
    for (const candidate of [bare, bare.replace(/ä(?=[^ä]*$)/, 'a').replace(/ö(?=[^ö]*$)/, 'o').replace(/ü(?=[^ü]*$)/, 'u')]) {
      if (isAdjectiveLemma(dict, candidate)) return candidate;
    }
  }
  return null;
}

/** A lower-case word with an adjective's suffix and ending: "nordkoreanische" → nordkoreanisch. */
function bySuffix(form: string, word: string): GermanWord | null {
  for (const ending of ADJECTIVE_ENDINGS) {
    const stem = word.slice(0, word.length - ending.length);
    if (word.endsWith(ending) && stem.length >= 6 && ADJECTIVE_SUFFIX.test(stem)) return { ...result(form, stem, 'adjective'), source: 'suffix' };
  }
  return null;
}

function asAdjective(dict: GermanDictionary, form: string, word: string): GermanWord | null {
  const positive = positiveOf(dict, word);
  if (positive === null) return null;
  // The data has some spellings from before 1996 ("bewußt"): give the reformed one when it has it.
  const reformed = positive.replaceAll('ß', 'ss');
  return result(form, reformed !== positive && isAdjectiveLemma(dict, reformed) ? reformed : positive, 'adjective');
}

/** "militärisch-technischen" → militärisch-technisch: the last part is inflected. */
function hyphenatedAdjective(dict: GermanDictionary, form: string, word: string): GermanWord | null {
  const hyphen = word.lastIndexOf('-');
  const last = hyphen > 0 ? asAdjective(dict, form, word.slice(hyphen + 1)) : null;
  return last && { ...last, baseForm: word.slice(0, hyphen + 1) + last.baseForm };
}

/** An unknown compound by its longest known last part: "Weltraumbahnhof" is a "Bahnhof". */
function asCompound(dict: GermanDictionary, form: string, word: string): GermanWord | null {
  const hyphen = word.lastIndexOf('-');
  if (hyphen > 0) {
    // "UN-Sicherheitsrats": the part after the hyphen, itself maybe a compound, names the thing.
    const last = upperFirst(word.slice(hyphen + 1));
    const head = asNoun(dict, form, last) ?? asCompound(dict, form, last);
    const join = (part: string) => word.slice(0, hyphen + 1) + part;
    return head && { ...head, baseForm: join(head.baseForm), plural: head.plural && join(head.plural), source: 'compound' };
  }
  // At most MAX_FORM_CHARS hash look-ups, longest last part first; parts of three letters and more.
  for (let start = 2; start <= word.length - 3; start++) {
    const head = asNoun(dict, form, upperFirst(word.slice(start)));
    // An abbreviation ("ABM") is no head of a compound.
    if (!head || !/^\p{Lu}\p{Ll}/u.test(head.baseForm)) continue;
    const join = (part: string) => word.slice(0, start) + lowerFirst(part);
    return { ...head, baseForm: join(head.baseForm), plural: head.plural && join(head.plural), source: 'compound' };
  }
  return null;
}

/**
 * The dictionary form of one German word form, or null when the data does not know it (nor, for a
 * capitalised word, the last part of it). `sentence` is the sentence it was taken from: it tells a
 * capitalised sentence start from a noun, an adjective after an article from a verb, and supplies a
 * separable verb's prefix from the end of the clause. Only the first MAX_SENTENCE_CHARS are read.
 */
export function lookupGermanWord(form: string, sentence = ''): GermanWord | null {
  const word = germanWordIn(form);
  if (word === null) return null;
  return lookupGermanWordInContext(word, wordContext(sentence, word));
}

/**
 * The same look-up for a word whose place in its sentence is already known: lemma.ts reads a whole
 * sentence's contexts in one pass instead of scanning the sentence again for each word.
 */
export function lookupGermanWordInContext(form: string, context: WordContext): GermanWord | null {
  const word = germanWordIn(form);
  if (word === null) return null;
  const dict = germanDictionary();
  const small = lower(word);
  const capitalised = word !== small && word.charAt(0) !== small.charAt(0);
  const closed = closedClass(small);

  const lowerReadings = (): GermanWord | null => {
    const verbFirst = !(context.previous !== null && beforeNounPhrase(context.previous));
    const verb = () => asVerb(dict, word, small, context);
    const adjective = () => asAdjective(dict, word, small);
    return verbFirst ? verb() ?? adjective() : adjective() ?? verb();
  };

  if (capitalised) {
    // "Die", "Gestern" at a sentence start are the words "die", "gestern"; mid-sentence it is a noun first.
    const mayBeLower = context.atStart || !context.found;
    if (mayBeLower && closed) return result(word, small, closed);
    return (
      asNoun(dict, word, word) ??
      (mayBeLower ? lowerReadings() : null) ??
      (closed ? result(word, small, closed) : null) ??
      asCompound(dict, word, word)
    );
  }
  // "sein Glas" is a possessive, "gegangen sein." the verb: a function word that ends its clause may be a verb.
  if (closed && !(context.found && context.clauseLast === null && dict.verbForms.has(small))) return result(word, small, closed);
  return lowerReadings() ?? hyphenatedAdjective(dict, word, small) ?? bySuffix(word, small) ?? (context.found ? null : asNoun(dict, word, upperFirst(word)));
}

/** A dictionary form for any word form: the dictionary's when it knows one, else today's guess. */
export function guessGermanBaseForm(form: string, sentence = ''): string {
  return lookupGermanWord(form, sentence)?.baseForm ?? guessBaseForm(form, sentence).baseForm;
}
