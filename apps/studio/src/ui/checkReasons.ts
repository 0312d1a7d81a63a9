/**
 * Plain-language explanations of the policy's check codes, for disabled actions and refusals. The
 * codes come from the runtime (allowed-actions `failedChecks`, problem `code`); the words are the
 * `common` namespace's `checks.<CODE>`; unknown codes are shown as they are.
 */
import type { TFunction } from 'i18next';

/** The explanation of a check code in the reader's language, or the code itself when unknown. */
export function explainCheck(code: string, t: TFunction): string {
  return t(`checks.${code}`, { ns: 'common', defaultValue: code });
}
