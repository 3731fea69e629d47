// The part of node-postgres (`pg`, a dependency of this package for the PostgreSQL database
// client) that the test utilities use; the package ships no types and @types/pg is not installed.
declare module 'pg' {
  export class Client {
    constructor(config: {
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
    });
    connect(): Promise<void>;
    query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
    end(): Promise<void>;
  }
}
