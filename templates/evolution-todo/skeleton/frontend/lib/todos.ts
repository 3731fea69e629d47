/**
 * The todo API as the browser sees it: /api/todos, which the Ingress routes to
 * the backend. Plain functions over an injectable fetch, so tests need no server.
 * (Only erasable TypeScript here: `npm test` runs it with Node's type stripping.)
 */
export interface Todo {
  id: number;
  title: string;
  completed: boolean;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export class TodoApiError extends Error {
  status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'TodoApiError';
    this.status = status;
  }
}

export const MAX_TITLE_LENGTH = 200;

/** A title the backend accepts: trimmed, 1 to 200 characters; otherwise null. */
export function normalizeTitle(raw: string): string | null {
  const title = raw.trim();
  return title.length > 0 && title.length <= MAX_TITLE_LENGTH ? title : null;
}

export function createTodoApi(fetchImpl: Fetch = (input, init) => fetch(input, init), base = '/api/todos') {
  async function request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetchImpl(`${base}${path}`, {
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (!response.ok) {
      const detail = await response.json().then(
        (body: { detail?: unknown }) => (typeof body.detail === 'string' ? body.detail : ''),
        () => '',
      );
      throw new TodoApiError(detail || `the todo API answered ${response.status}`, response.status);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    list: () => request<Todo[]>(''),
    create: (title: string) =>
      request<Todo>('', { method: 'POST', body: JSON.stringify({ title }) }),
    setCompleted: (id: number, completed: boolean) =>
      request<Todo>(`/${id}`, { method: 'PATCH', body: JSON.stringify({ completed }) }),
    remove: (id: number) => request<void>(`/${id}`, { method: 'DELETE' }),
  };
}

export type TodoApi = ReturnType<typeof createTodoApi>;
