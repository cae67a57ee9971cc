// German morphology on the server: dictionary form, part of speech, gender and plural of a word form.
export { lookupGermanWord, guessGermanBaseForm } from './lookup';
export { germanWordIn } from './word';
export { germanDictionary, loadGermanDictionaryInBackground } from './dictionary';
export { MAX_FORM_CHARS, type GermanWord, type Gender, type PartOfSpeech } from './types';
