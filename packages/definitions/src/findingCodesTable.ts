import { FINDING_CODES, type FindingCode } from './findingCodes.js';
import { FINDING_SENTENCES, type SentenceTemplate } from './sentences/findingSentences.js';

const START = /<!-- finding-codes:start[^>]*-->/;
const END = '<!-- finding-codes:end -->';

/** Replaces the finding-code table between the markers of a Markdown document. */
export function withFindingCodesTable(markdown: string): string {
  const start = START.exec(markdown);
  const end = markdown.indexOf(END);
  if (!start || end < 0) throw new Error('the document has no finding-codes markers');
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = Object.entries(FINDING_CODES).map(([code, meaning]) => {
    const template: SentenceTemplate = FINDING_SENTENCES[code as FindingCode];
    const sentence = typeof template === 'string' ? template : [template.zero, template.one, template.other].filter(Boolean).join(' / ');
    return `| \`${code}\` | ${cell(meaning)} | ${cell(sentence)} |`;
  });
  const table = ['| code | meaning | sentence (English template) |', '|---|---|---|', ...rows].join('\n');
  return `${markdown.slice(0, start.index + start[0].length)}\n${table}\n${markdown.slice(end)}`;
}
