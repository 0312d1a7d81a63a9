/**
 * Plain-language explanations of the policy's check codes, for disabled actions and refusals. The
 * codes come from the runtime (allowed-actions `failedChecks`, problem `code`); the words are the
 * `common` namespace's `checks.<CODE>`; unknown codes are shown as words.
 */
import { CODE_PATTERN } from '@mandate/definitions';
import type { TFunction } from 'i18next';

/** The explanation of a check code in the reader's language; an unknown code as words (`ORDER_NOT_ON_HOLD` -> "Order not on hold"). */
export function explainCheck(code: string, t: TFunction): string {
  return t(`checks.${code}`, { ns: 'common', defaultValue: codeAsWords(code) });
}

/** SCREAMING_SNAKE as a sentence; anything else unchanged. */
export function codeAsWords(code: string): string {
  if (!CODE_PATTERN.test(code)) return code;
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
