/** The backend the app under test talks to (its requests go to a jest mock of fetch). */
export const BACKEND = 'http://localhost:7007';

/**
 * The whole app loads every discovered plugin in jsdom: on a loaded 2-core CI machine that takes
 * many seconds, far past Testing Library's 1 s default wait.
 */
export const APP_LOAD = { timeout: 45_000 };

/**
 * Gives the app its config the way app-backend injects it into index.html. An app reads its
 * config once, when it first renders: one config per test file.
 */
export function setAppConfig(config: object) {
  (window as any).__APP_CONFIG__ = {
    app: { title: 'Evolution Todo Test Portal', baseUrl: 'http://localhost' },
    backend: { baseUrl: BACKEND },
    ...config,
  };
}
