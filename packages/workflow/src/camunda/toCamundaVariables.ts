/**
 * JS values to Camunda 7 typed variables and back (REST reference, "Variables in the REST API").
 * Every value is sent with an explicit type so the engine never guesses: strings as `String`,
 * booleans as `Boolean`, integers as `Integer` (32-bit) or `Long` (up to 2^53), other numbers as
 * `Double`, `null`/`undefined` as `Null`, dates as `Date`, and objects and arrays as the Spin
 * `Json` type, whose value the REST API takes in serialized form: a string holding the JSON
 * (Camunda rejects any other value of a serializable type with 400 "Must provide 'null' or String
 * value for value of SerializableValue type 'Json'").
 */

/** A variable as the Camunda 7 REST API writes and reads it. */
export interface CamundaVariable {
  /** `String`, `Boolean`, `Integer`, `Long`, `Double`, `Date`, `Json`, `Null`, or another engine type when read. */
  type: string;
  value: unknown;
  valueInfo?: Record<string, unknown>;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** Camunda's default REST date format, `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, in UTC. */
export function camundaDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/**
 * One JS value as a typed Camunda variable.
 *
 * @throws TypeError for values no Camunda type holds (NaN, Infinity, bigint, functions, symbols, invalid dates).
 * @example
 * toCamundaVariable({ approved: true }) // { type: 'Json', value: '{"approved":true}' }
 */
export function toCamundaVariable(value: unknown, name = 'value'): CamundaVariable {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  switch (typeof value) {
    case 'string':
      return { type: 'String', value };
    case 'boolean':
      return { type: 'Boolean', value };
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`variable ${name}: ${value} has no Camunda type`);
      if (Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX) return { type: 'Integer', value };
      if (Number.isSafeInteger(value)) return { type: 'Long', value };
      return { type: 'Double', value };
    case 'object':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError(`variable ${name}: invalid date`);
        return { type: 'Date', value: camundaDate(value) };
      }
      return { type: 'Json', value: JSON.stringify(value) };
    default:
      throw new TypeError(`variable ${name}: a ${typeof value} has no Camunda type`);
  }
}

/** Every entry of `values` as a typed Camunda variable (see {@link toCamundaVariable}). */
export function toCamundaVariables(values: Record<string, unknown>): Record<string, CamundaVariable> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toCamundaVariable(value, name)]));
}

/**
 * A Camunda variable as a JS value: `Json` (and `Object` serialized as `application/json`) parsed,
 * `Null` as null, everything else as Camunda sent it (a `Date` stays Camunda's date string).
 */
export function fromCamundaVariable(variable: CamundaVariable): unknown {
  if (variable.type === 'Null' || variable.value === null || variable.value === undefined) return null;
  const jsonObject = variable.type === 'Object' && variable.valueInfo?.serializationDataFormat === 'application/json';
  if ((variable.type === 'Json' || jsonObject) && typeof variable.value === 'string') return JSON.parse(variable.value) as unknown;
  return variable.value;
}

/** Every variable of a Camunda variables map as a JS value (see {@link fromCamundaVariable}). */
export function fromCamundaVariables(variables: Record<string, CamundaVariable>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, fromCamundaVariable(variable)]));
}
