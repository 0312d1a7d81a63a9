import { MandateProblem } from '@mandate/client';
import { explainCheck } from './checkReasons.js';

/** An error as the user should read it: a runtime problem with its code, title, detail and violations; anything else by message. */
export function ProblemMessage({ error, title }: { error: unknown; title?: string }) {
  if (error instanceof MandateProblem) {
    return (
      <div className="problem" role="alert">
        <p className="problem-title">
          {title ?? error.title} <code>{error.code}</code>
        </p>
        {error.detail && <p>{error.detail}</p>}
        {error.violations && error.violations.length > 0 && (
          <ul>
            {error.violations.map((v, i) => (
              <li key={i}>
                {v.code ? <>{explainCheck(v.code)}: </> : null}
                {v.message}
              </li>
            ))}
          </ul>
        )}
        {error.requestId && <p className="muted small">Request id {error.requestId}</p>}
      </div>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{title ?? 'Something went wrong'}</p>
      <p>{message.startsWith('Failed to fetch') ? 'The runtime cannot be reached. Is it running?' : message}</p>
    </div>
  );
}
