/**
 * Shared by the evolution-todo golden path plugins: the parameter schema and
 * DeploymentSpec, naming and label conventions, and health rules.
 *
 * @packageDocumentation
 */
export * from './naming';
export * from './parameters';
export * from './health';
