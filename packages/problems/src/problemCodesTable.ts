import { PROBLEM_CODES } from './problemCodes.js';
import { PROBLEM_KINDS } from './problemKinds.js';

const START = /<!-- problem-codes:start[^>]*-->/;
const END = '<!-- problem-codes:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Replaces the kind and code tables between the problem-codes markers of a Markdown document. */
export function withProblemCodesTable(markdown: string): string {
  const start = START.exec(markdown);
  const end = markdown.indexOf(END);
  if (!start || end < 0) throw new Error('the document has no problem-codes markers');
  const kinds = Object.entries(PROBLEM_KINDS).map(([kind, { status, title }]) => {
    const codes = Object.values(PROBLEM_CODES).filter((entry) => entry.kind === kind).length;
    return `| \`${kind}\` | ${status} | ${title} | ${codes} |`;
  });
  const codes = Object.entries(PROBLEM_CODES).map(([code, { status, title, sentence }]) => `| \`${code}\` | ${status} | ${title} | ${cell(sentence)} |`);
  const tables = ['| kind | status | title | codes |', '|---|---|---|---|', ...kinds, '', '| code | status | title | meaning |', '|---|---|---|---|', ...codes].join('\n');
  return `${markdown.slice(0, start.index + start[0].length)}\n${tables}\n${markdown.slice(end)}`;
}
