import { FINDING_CODES } from './findingCodes.js';

const START = /<!-- finding-codes:start[^>]*-->/;
const END = '<!-- finding-codes:end -->';

/** Replaces the finding-code table between the markers of a Markdown document. */
export function withFindingCodesTable(markdown: string): string {
  const start = START.exec(markdown);
  const end = markdown.indexOf(END);
  if (!start || end < 0) throw new Error('the document has no finding-codes markers');
  const rows = Object.entries(FINDING_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  const table = ['| code | meaning |', '|---|---|', ...rows].join('\n');
  return `${markdown.slice(0, start.index + start[0].length)}\n${table}\n${markdown.slice(end)}`;
}
