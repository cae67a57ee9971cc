// Function words and common adverbs, which the noun, verb and adjective data does not hold: a
// closed list, so "Die" or "Gestern" at a sentence start is not taken for a noun.
import type { PartOfSpeech } from './types';

const OTHER = `der die das dem den des ein eine einen einem einer eines kein keine keinen keinem keiner keines
ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen man jemand niemand nichts etwas
mein meine meinen meinem meiner meines dein deine deinen deinem deiner deines sein seine seinen seinem
seiner seines ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer unseres euer eure euren
eurem eurer eures dieser diese dieses diesen diesem jener jene jenes jenen jenem jeder jede jedes jeden
jedem welcher welche welches welchen welchem solcher solche solches solchen solchem alle allen aller
alles allem beide beiden beider manche manchen mancher mehrere mehreren mehrerer wer wen wem wessen was
selbst selber eins zwei drei vier fünf sechs sieben acht neun zehn zweier dreier
in im ins an am ans auf aus bei beim mit nach seit von vom vor zu zum zur durch für fürs gegen ohne um
über unter hinter neben zwischen während wegen trotz statt anstatt angesichts mithilfe innerhalb
außerhalb entlang gegenüber bis ab laut per pro samt
und oder aber denn sondern doch dass ob weil wenn als wie obwohl damit sobald bevor nachdem bis
sowie sowohl weder noch entweder falls seitdem indem
nicht kein ja nein zu`;
const ADVERBS = `gestern heute morgen jetzt nun dann da dort hier immer nie oft manchmal schon noch erst bald
zudem erstmals zuletzt wieder abermals erneut auch nur sehr etwa fast genau gerade kaum vielleicht
wohl sogar eben bereits damals zunächst später danach davor dabei darauf daran davon dazu dafür dagegen
daher deshalb deswegen trotzdem dennoch jedoch allerdings außerdem überhaupt wiederum tatsächlich
nämlich eher lieber gern gerne leider hoffentlich vermutlich wahrscheinlich natürlich besonders
ebenfalls ebenso insgesamt zusammen allein bisher inzwischen mittlerweile stets überall irgendwo
worum warum wo wohin woher wann weshalb wieso je quer ostwärts westwärts nordwärts südwärts mehr meist`;

const WORDS = new Map<string, PartOfSpeech>();
for (const w of OTHER.split(/\s+/)) WORDS.set(w, 'other');
for (const w of ADVERBS.split(/\s+/)) WORDS.set(w, 'adverb');

/** The part of speech of a lower-case function word or listed adverb, or undefined. */
export function closedClass(lower: string): PartOfSpeech | undefined {
  return WORDS.get(lower);
}

/** Articles, determiners and prepositions: the next word is a noun or an adjective, not a finite verb. */
const DETERMINERS = new Set(
  `der die das dem den des ein eine einen einem einer eines kein keine keinen keinem keiner keines
  im am ins zum zur vom beim mein meine meinen meinem meiner meines dein deine deinen deinem deiner
  sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres unser unsere unseren unserem
  unserer dieser diese dieses diesen diesem jeder jede jedes jeden jedem solche solchen alle allen beide
  beiden beider mehrere mehrerer zwei drei vier fünf
  in an auf aus bei mit nach seit von vor zu für gegen ohne über unter zwischen durch um`.split(/\s+/),
);

export function beforeNounPhrase(lower: string): boolean {
  return DETERMINERS.has(lower);
}
