import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTodoApi, normalizeTitle, TodoApiError, type Fetch } from './todos.ts';

interface Call {
  url: string;
  method: string;
  body: unknown;
}

function fakeFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const impl: Fetch = async (url, init) => {
    const call = {
      url,
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return respond(call);
  };
  return { calls, impl };
}

describe('createTodoApi', () => {
  it('lists, creates, completes and deletes through /api/todos', async () => {
    const todo = { id: 7, title: 'Write tests', completed: false };
    const { calls, impl } = fakeFetch(call =>
      call.method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json(call.method === 'GET' ? [todo] : todo),
    );
    const api = createTodoApi(impl);

    assert.deepEqual(await api.list(), [todo]);
    assert.deepEqual(await api.create('Write tests'), todo);
    await api.setCompleted(7, true);
    assert.equal(await api.remove(7), undefined);

    assert.deepEqual(
      calls.map(c => [c.method, c.url, c.body]),
      [
        ['GET', '/api/todos', undefined],
        ['POST', '/api/todos', { title: 'Write tests' }],
        ['PATCH', '/api/todos/7', { completed: true }],
        ['DELETE', '/api/todos/7', undefined],
      ],
    );
  });

  it("raises the backend's error detail with the status", async () => {
    const { impl } = fakeFetch(() => Response.json({ detail: 'Todo 9 not found' }, { status: 404 }));
    await assert.rejects(createTodoApi(impl).setCompleted(9, true), (error: unknown) => {
      assert.ok(error instanceof TodoApiError);
      assert.equal(error.status, 404);
      assert.equal(error.message, 'Todo 9 not found');
      return true;
    });
  });

  it('explains a failure without a JSON body', async () => {
    const { impl } = fakeFetch(() => new Response('bad gateway', { status: 502 }));
    await assert.rejects(createTodoApi(impl).list(), /the todo API answered 502/);
  });
});

describe('normalizeTitle', () => {
  it('trims and keeps titles of 1 to 200 characters', () => {
    assert.equal(normalizeTitle('  buy milk '), 'buy milk');
    assert.equal(normalizeTitle('   '), null);
    assert.equal(normalizeTitle('x'.repeat(201)), null);
  });
});
