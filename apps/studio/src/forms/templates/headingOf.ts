/** The heading level of a section at `path` in a form: h2 under the page's h1, one deeper per object, at most h4. */
export function headingOf(path: readonly (string | number)[]): 'h2' | 'h3' | 'h4' {
  const depth = path.filter((step) => typeof step === 'string').length;
  return depth <= 1 ? 'h2' : depth === 2 ? 'h3' : 'h4';
}
