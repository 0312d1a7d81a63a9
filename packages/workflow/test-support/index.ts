/**
 * @mandate/workflow/test-support: what other packages' tests use, kept out of the production
 * entry: the Camunda 7 REST double (an express app, so express is only a dev dependency here).
 */
export { camunda7Double, type Camunda7Double, type Camunda7DoubleOptions, type Camunda7DoubleProcess, type DoubleProcessInstance, type DoubleTask, type RequestMatch } from './camunda7Double.js';
