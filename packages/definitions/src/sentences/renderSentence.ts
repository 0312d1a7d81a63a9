/**
 * Renders the sentence templates of {@link FINDING_SENTENCES} the way i18next does, so the
 * server and the CLI print exactly what the studio shows in English: `{{name}}` interpolates,
 * `$t(group.key)` nests a phrase (after interpolation, so the key may hold a parameter), and a
 * template with plural variants is chosen by `count`.
 */
import type { FindingCode } from '../findingCodes.js';
import type { FindingLocation, LocationEntry } from './describeLocation.js';
import { FINDING_PHRASES, FINDING_SENTENCES, type SentenceTemplate } from './findingSentences.js';

/** Parameters of a sentence: values taken from the finding (codes, names, limits). */
export type FindingParams = Record<string, string | number>;

/** Interpolates `{{name}}` and nests `$t(group.key)` phrases; an unknown parameter renders empty. */
export function renderTemplate(template: string, params: FindingParams, phrases: Record<string, Record<string, string>> = FINDING_PHRASES): string {
  const interpolated = template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => (params[name] === undefined ? '' : String(params[name])));
  return interpolated.replace(/\$t\(([A-Za-z]+)\.([^)]+)\)/g, (_, group: string, key: string) => {
    const phrase = phrases[group]?.[key] ?? phrases[group]?.other ?? '';
    return renderTemplate(phrase, params, phrases);
  });
}

/** The template of a code for these parameters (the plural variant `count` selects). */
export function templateOf(code: FindingCode, params: FindingParams): string {
  const template: SentenceTemplate = FINDING_SENTENCES[code];
  if (typeof template === 'string') return template;
  if (typeof params.count !== 'number') return template.other;
  if (params.count === 0 && template.zero !== undefined) return template.zero;
  return new Intl.PluralRules('en').select(params.count) === 'one' ? template.one : template.other;
}

/** Renders one of the `location` phrases (`field`, `root`, `entry`, `namedEntry`, `within`) with its values. */
export type LocationPhrase = (key: keyof typeof FINDING_PHRASES.location, values: FindingParams) => string;

const englishLocation: LocationPhrase = (key, values) => renderTemplate(FINDING_PHRASES.location[key], values);

/**
 * The `field` parameter of a location: the quoted label, or the entry the pointer ends at, then
 * the entries that contain it, innermost first. A translation passes its own phrases and words
 * (the studio: i18next's `t` over `location.*`, `labels.*` and `nouns.*`).
 *
 * @example
 * fieldOf({ labelKey: 'appliesTo', label: 'Applies to', entries: [{ nounKey: 'codes', noun: 'reason code', position: 8, name: 'COMPETITIVE_MATCH' }] })
 * // '"Applies to" of reason code 8 (COMPETITIVE_MATCH)'
 */
export function fieldOf(
  location: FindingLocation,
  phrase: LocationPhrase = englishLocation,
  words: { label?: (location: FindingLocation) => string; noun?: (entry: LocationEntry) => string } = {},
): string {
  const noun = words.noun ?? ((e: LocationEntry) => e.noun);
  const entryText = (e: LocationEntry) => (e.name ? phrase('namedEntry', { noun: noun(e), position: e.position, name: e.name }) : phrase('entry', { noun: noun(e), position: e.position }));
  const subject = location.entry
    ? entryText(location.entry)
    : location.labelKey === undefined
      ? phrase('root', {})
      : phrase('field', { label: words.label ? words.label(location) : location.label });
  const placed = [...location.entries].reverse().reduce((inner, e) => phrase('within', { inner, outer: entryText(e) }), subject);
  return capitalise(placed);
}

function capitalise(text: string): string {
  const first = text.search(/[\p{L}]/u);
  return first < 0 ? text : text.slice(0, first) + text.charAt(first).toUpperCase() + text.slice(first + 1);
}

/** The English sentence of a finding code with its parameters (`field` included). */
export function renderSentence(code: FindingCode, params: FindingParams): string {
  return renderTemplate(templateOf(code, params), params);
}
