/**
 * Shared by the evolution-todo golden path plugins: the parameter schema and
 * DeploymentSpec, naming and label conventions, health rules, and the
 * template form's agreement with the parameter schema.
 *
 * @packageDocumentation
 */
export * from './naming';
export * from './parameters';
export * from './health';
export * from './form';
export * from './api';
