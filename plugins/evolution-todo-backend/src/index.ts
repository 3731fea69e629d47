/**
 * The backend of the evolution-todo plugin: reads a System's recorded template
 * parameters (.evolution-todo/parameters.yaml) for the upgrade form, with the
 * user's catalog permissions.
 *
 * @packageDocumentation
 */
export { evolutionTodoPlugin as default } from './plugin';
