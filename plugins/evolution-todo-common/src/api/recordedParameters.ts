/**
 * The evolution-todo backend plugin's HTTP API, shared by the backend
 * (plugins/evolution-todo-backend) and the upgrade form's field
 * (plugins/evolution-todo).
 */

/** The plugin id: the backend is served at /api/evolution-todo. */
export const EVOLUTION_TODO_PLUGIN_ID = 'evolution-todo';

/** GET with `?entityRef=system:default/x`: a System's recorded parameters. */
export const RECORDED_PARAMETERS_PATH = '/recorded-parameters';

/** The answer of GET /recorded-parameters: what made a System's repository. */
export interface RecordedParametersResponse {
  /** The template version the record names. */
  templateVersion: string;
  /** The recorded parameters as YAML text, in the shape the upgrade's `changes` takes. */
  parameters: string;
  /** Where they were read: the repository (never with credentials), its branch and commit, and the file. */
  source: {
    destination: 'local' | 'github';
    repoUrl: string;
    branch: string;
    commit: string;
    path: string;
  };
}

/**
 * The scaffolder field (ui:field) of the upgrade template's `changes`: the
 * picked System's recorded parameters, prefilled for editing.
 */
export const RECORDED_PARAMETERS_FIELD = 'RecordedParameters';
