/** The decision-form builder's rjsf fields, registered in `definitionFields` (kindForms.ts). */
export { DecisionFormBuilder } from './DecisionFormBuilder.js';
export { OutcomeMappingTable } from './OutcomeMappingTable.js';
export { TaskTypeDraftScope } from './TaskTypeDraftScope.js';
