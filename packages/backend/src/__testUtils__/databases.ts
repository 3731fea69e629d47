/**
 * The databases the portal's integration tests run on: SQLite, as the local
 * portal uses it, and PostgreSQL, as production does (a throwaway server from
 * ./postgres.ts, started by the test itself).
 */
export const TEST_DATABASES = ['SQLite', 'PostgreSQL'] as const;

export type TestDatabase = (typeof TEST_DATABASES)[number];
