'use client';

import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { createTodoApi, normalizeTitle, MAX_TITLE_LENGTH, type Todo } from '@/lib/todos';

export function TodoApp() {
  const api = useMemo(() => createTodoApi(), []);
  const [todos, setTodos] = useState<Todo[]>([]);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const attempt = useCallback(async (work: () => Promise<void>) => {
    try {
      await work();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    attempt(async () => setTodos(await api.list())).finally(() => setLoading(false));
  }, [api, attempt]);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const normalized = normalizeTitle(title);
    if (!normalized) {
      setError(`A todo needs a title of 1 to ${MAX_TITLE_LENGTH} characters.`);
      return;
    }
    await attempt(async () => {
      const created = await api.create(normalized);
      setTodos(current => [...current, created]);
      setTitle('');
    });
  }

  async function toggle(todo: Todo) {
    await attempt(async () => {
      const updated = await api.setCompleted(todo.id, !todo.completed);
      setTodos(current => current.map(t => (t.id === updated.id ? updated : t)));
    });
  }

  async function remove(todo: Todo) {
    await attempt(async () => {
      await api.remove(todo.id);
      setTodos(current => current.filter(t => t.id !== todo.id));
    });
  }

  return (
    <section>
      <form onSubmit={add}>
        <input
          aria-label="New todo"
          placeholder="What needs doing?"
          value={title}
          maxLength={MAX_TITLE_LENGTH}
          onChange={event => setTitle(event.target.value)}
        />
        <button type="submit">Add</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {loading ? (
        <p>Loading…</p>
      ) : todos.length === 0 ? (
        <p>Nothing to do.</p>
      ) : (
        <ul>
          {todos.map(todo => (
            <li key={todo.id}>
              <input
                type="checkbox"
                aria-label={`Mark "${todo.title}" as ${todo.completed ? 'not done' : 'done'}`}
                checked={todo.completed}
                onChange={() => toggle(todo)}
              />
              <span className={todo.completed ? 'done' : undefined}>{todo.title}</span>
              <button type="button" onClick={() => remove(todo)} aria-label={`Delete "${todo.title}"`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
