import { useEffect, useState } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  EVOLUTION_TODO_PLUGIN_ID,
  RECORDED_PARAMETERS_PATH,
  type RecordedParametersResponse,
} from '@evolution-todo/plugin-evolution-todo-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import YAML from 'yaml';

/** The field's ui:options. */
export interface RecordedParametersFieldOptions {
  /** The form field holding the System (an entity ref); defaults to "system". */
  systemField?: string;
  /** Rows of the text area; defaults to 16. */
  rows?: number;
}

type State =
  | { status: 'idle' }
  | { status: 'loading'; entityRef: string }
  | { status: 'error'; entityRef: string; message: string }
  | {
      status: 'loaded';
      entityRef: string;
      record: RecordedParametersResponse;
    };

/** The `name` a parameters text gives, or undefined when it gives none (or is no mapping). */
function nameIn(text: string): unknown {
  try {
    const value = YAML.parse(text);
    return typeof value === 'object' && value !== null ? value.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the field's value should be the record: it is empty, or it is
 * another System's parameters (the user went back and picked another
 * System). An edit of this System's record is kept.
 */
function needsRecord(value: string | undefined, record: string): boolean {
  if (!value) return true;
  const name = nameIn(value);
  return name !== undefined && name !== nameIn(record);
}

async function readRecordedParameters(
  baseUrl: string,
  fetchApi: { fetch: typeof fetch },
  entityRef: string,
): Promise<RecordedParametersResponse> {
  const response = await fetchApi.fetch(
    `${baseUrl}${RECORDED_PARAMETERS_PATH}?entityRef=${encodeURIComponent(
      entityRef,
    )}`,
  );
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new Error(
      body?.error?.message ?? `${response.status} ${response.statusText}`,
    );
  }
  return (await response.json()) as RecordedParametersResponse;
}

/**
 * The upgrade form's parameters: once a System is picked (the field
 * ui:options.systemField names, "system" by default), reads its recorded
 * parameters from the evolution-todo backend with the user's credentials and
 * shows them, prefilled, in an editable text area. The value is that YAML
 * text: the upgrade merges it over the record, so the edited values win and
 * the others stay as recorded. A value the user already has for this System
 * (coming back to this step) is kept, one for another System is replaced;
 * "Reset" brings the record back.
 */
export function RecordedParametersField(
  props: FieldExtensionComponentProps<string, RecordedParametersFieldOptions>,
) {
  const {
    formData,
    onChange,
    formContext,
    uiSchema,
    schema,
    rawErrors,
    idSchema,
    disabled,
    readonly,
  } = props;
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const options = uiSchema?.['ui:options'] ?? {};
  const systemField = options.systemField ?? 'system';
  const picked = formContext?.formData?.[systemField];
  const entityRef = typeof picked === 'string' && picked ? picked : undefined;
  const [state, setState] = useState<State>({ status: 'idle' });

  useEffect(() => {
    if (!entityRef) {
      setState({ status: 'idle' });
      return undefined;
    }
    let live = true;
    setState({ status: 'loading', entityRef });
    discoveryApi
      .getBaseUrl(EVOLUTION_TODO_PLUGIN_ID)
      .then(baseUrl => readRecordedParameters(baseUrl, fetchApi, entityRef))
      .then(
        record => {
          if (!live) return;
          setState({ status: 'loaded', entityRef, record });
          if (needsRecord(formData, record.parameters)) {
            onChange(record.parameters);
          }
        },
        (error: Error) => {
          if (live) {
            setState({ status: 'error', entityRef, message: error.message });
          }
        },
      );
    return () => {
      live = false;
    };
    // Read again only when the System changes; formData and onChange change on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entityRef, discoveryApi, fetchApi]);

  const id = idSchema?.$id ?? 'recorded-parameters';
  const title = schema.title ?? 'Recorded parameters';

  if (state.status === 'idle') {
    return (
      <Typography variant="body2" color="textSecondary">
        Pick a System first: its recorded parameters appear here.
      </Typography>
    );
  }
  if (state.status === 'loading') {
    return (
      <CircularProgress
        aria-label={`Reading the recorded parameters of ${state.entityRef}`}
      />
    );
  }
  if (state.status === 'error') {
    return (
      <Alert
        severity="error"
        aria-label={`The recorded parameters of ${state.entityRef} could not be read`}
      >
        The recorded parameters of {state.entityRef} could not be read:{' '}
        {state.message}
      </Alert>
    );
  }
  const { record } = state;
  return (
    <>
      <Typography variant="body2">
        {state.entityRef} was made with template version{' '}
        {record.templateVersion} (recorded in {record.source.path} on{' '}
        {record.source.branch} of {record.source.repoUrl}).
      </Typography>
      <TextField
        id={id}
        label={title}
        helperText={schema.description}
        value={formData ?? ''}
        onChange={event => onChange(event.target.value)}
        multiline
        minRows={options.rows ?? 16}
        fullWidth
        margin="normal"
        variant="outlined"
        disabled={disabled}
        InputProps={{
          readOnly: readonly,
          style: { fontFamily: 'monospace' },
        }}
        error={Boolean(rawErrors?.length)}
      />
      <Button
        variant="outlined"
        size="small"
        disabled={disabled || readonly || formData === record.parameters}
        onClick={() => onChange(record.parameters)}
      >
        Reset to the recorded parameters
      </Button>
    </>
  );
}
