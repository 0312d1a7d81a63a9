import { type Finding, pointerSegments } from './findingsToErrorSchema.js';

/** The rjsf id of the field a pointer names (`/codes/2/code` -> `root_codes_2_code`). */
export function fieldIdOf(pointer: string): string {
  return ['root', ...pointerSegments(pointer)].join('_');
}

/** The lint and validation findings of a draft, each a link to its field. */
export function FindingList({ findings, title }: { findings: readonly Finding[]; title: string }) {
  if (!findings.length) return <p className="findings-none">No findings.</p>;
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <section className="findings" aria-label={title}>
      <h2>
        {title}: {errors} error{errors === 1 ? '' : 's'}, {findings.length - errors} warning{findings.length - errors === 1 ? '' : 's'}
      </h2>
      <ul>
        {findings.map((f, i) => (
          <li key={i} className={`finding finding-${f.severity}`}>
            <span className="finding-severity">{f.severity}</span> <code>{f.code}</code> {f.message}{' '}
            <a
              href={`#${fieldIdOf(f.pointer)}`}
              onClick={(e) => {
                const target = document.getElementById(fieldIdOf(f.pointer));
                if (target) {
                  e.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }
              }}
            >
              at {f.pointer || '/'}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
