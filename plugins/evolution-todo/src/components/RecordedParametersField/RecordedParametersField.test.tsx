import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { RecordedParametersResponse } from '@evolution-todo/plugin-evolution-todo-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RecordedParametersField } from './RecordedParametersField';

const BASE_URL = 'http://localhost:7007/api';
const RECORDED = 'name: todo\nbackend:\n  replicas: 3\n';

const record: RecordedParametersResponse = {
  templateVersion: '1.0.0',
  parameters: RECORDED,
  source: {
    destination: 'local',
    repoUrl: 'file:///repos/todo',
    branch: 'main',
    commit: 'a'.repeat(40),
    path: '.evolution-todo/parameters.yaml',
  },
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The backend's answers by entityRef, and the entityRefs it was asked for. */
function serveRecords(
  answers: Record<string, { status: number; body: unknown }>,
  answerWhen: Promise<void> = Promise.resolve(),
) {
  const asked: string[] = [];
  server.use(
    http.get(
      `${BASE_URL}/evolution-todo/recorded-parameters`,
      async ({ request }) => {
        await answerWhen;
        const entityRef = new URL(request.url).searchParams.get('entityRef')!;
        asked.push(entityRef);
        const answer = answers[entityRef] ?? {
          status: 404,
          body: { error: { name: 'NotFoundError', message: 'not found' } },
        };
        return HttpResponse.json(answer.body as any, {
          status: answer.status,
        });
      },
    ),
  );
  return asked;
}

/** The field in a form that keeps its value, as the scaffolder's form does; `submitted` is what it would submit. */
async function renderField(system: string | undefined, initial?: string) {
  const submitted: { value?: string } = { value: initial };
  function Harness() {
    const [value, setValue] = useState<string | undefined>(initial);
    const props = {
      formData: value,
      onChange: (next: string) => {
        submitted.value = next;
        setValue(next);
      },
      formContext: { formData: { system } },
      uiSchema: {},
      schema: {
        type: 'string',
        title: 'Parameters (YAML)',
        description: 'The recorded parameters; edit any of them.',
      },
      idSchema: { $id: 'root_changes' },
      rawErrors: [],
    } as any;
    return <RecordedParametersField {...props} />;
  }
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        ],
        [fetchApiRef, { fetch: (input: any, init: any) => fetch(input, init) }],
      ]}
    >
      <Harness />
    </TestApiProvider>,
  );
  return submitted;
}

describe('RecordedParametersField', () => {
  it("shows the picked System's recorded parameters, prefilled, and submits the user's edit", async () => {
    const asked = serveRecords({
      'system:default/todo': { status: 200, body: record },
    });
    const submitted = await renderField('system:default/todo');

    const field = await screen.findByRole('textbox', {
      name: 'Parameters (YAML)',
    });
    expect(field).toHaveValue(RECORDED);
    expect(submitted.value).toBe(RECORDED);
    expect(asked).toEqual(['system:default/todo']);
    expect(
      screen.getByText(/made with template version 1\.0\.0/),
    ).toHaveTextContent(
      'system:default/todo was made with template version 1.0.0 (recorded in .evolution-todo/parameters.yaml on main of file:///repos/todo).',
    );

    const edited = RECORDED.replace('replicas: 3', 'replicas: 4');
    fireEvent.change(field, { target: { value: edited } });
    expect(field).toHaveValue(edited);
    expect(submitted.value).toBe(edited);

    fireEvent.click(
      screen.getByRole('button', { name: 'Reset to the recorded parameters' }),
    );
    expect(field).toHaveValue(RECORDED);
    expect(submitted.value).toBe(RECORDED);
  });

  it('keeps what the user already has when they come back to the step', async () => {
    serveRecords({ 'system:default/todo': { status: 200, body: record } });
    const kept = 'name: todo\nbackend:\n  replicas: 5\n';
    const submitted = await renderField('system:default/todo', kept);

    expect(
      await screen.findByRole('textbox', { name: 'Parameters (YAML)' }),
    ).toHaveValue(kept);
    expect(submitted.value).toBe(kept);
  });

  it("replaces another System's parameters (the user went back and picked another System)", async () => {
    serveRecords({ 'system:default/todo': { status: 200, body: record } });
    const submitted = await renderField(
      'system:default/todo',
      'name: other\nbackend:\n  replicas: 5\n',
    );

    expect(
      await screen.findByRole('textbox', { name: 'Parameters (YAML)' }),
    ).toHaveValue(RECORDED);
    expect(submitted.value).toBe(RECORDED);
  });

  it("shows the backend's error, naming the System, and no text area", async () => {
    serveRecords({
      'system:default/old': {
        status: 400,
        body: {
          error: {
            name: 'InputError',
            message:
              'entityRef: system:default/old has no evolution-todo.dev/template-version annotation',
          },
        },
      },
    });
    const submitted = await renderField('system:default/old');

    const alert = await screen.findByLabelText(
      'The recorded parameters of system:default/old could not be read',
    );
    expect(alert).toHaveTextContent(
      'The recorded parameters of system:default/old could not be read: entityRef: system:default/old has no evolution-todo.dev/template-version annotation',
    );
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(submitted.value).toBeUndefined();
  });

  it('shows that it is reading, then the parameters', async () => {
    let answer = () => {};
    serveRecords(
      { 'system:default/todo': { status: 200, body: record } },
      new Promise<void>(resolve => {
        answer = resolve;
      }),
    );
    await renderField('system:default/todo');

    expect(
      screen.getByRole('progressbar', {
        name: 'Reading the recorded parameters of system:default/todo',
      }),
    ).toBeInTheDocument();
    answer();
    expect(
      await screen.findByRole('textbox', { name: 'Parameters (YAML)' }),
    ).toHaveValue(RECORDED);
  });

  it('asks for a System first, and asks the backend nothing', async () => {
    const asked = serveRecords({});
    await renderField(undefined);

    expect(
      screen.getByText(
        'Pick a System first: its recorded parameters appear here.',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual([]);
  });
});
