import type { Color, Component, LabelledComponent } from './components';

/**
 * Object names. Kubernetes names are at most 63 characters for most kinds;
 * the parameter schema limits `name` so that every name below fits.
 */
export const MAX_RELEASE_NAME_LENGTH = 40;

/** Deployment, Service, ConfigMap... of one component: `<release>-<component>`. */
export function componentName(
  release: string,
  component: LabelledComponent,
): string {
  return `${release}-${component}`;
}

/** A blue-green Deployment: `<release>-<component>-<color>`. */
export function coloredName(
  release: string,
  component: Component,
  color: Color,
): string {
  return `${componentName(release, component)}-${color}`;
}

/** The headless Service that gives the PostgreSQL StatefulSet stable pod DNS names. */
export function headlessServiceName(release: string): string {
  return `${componentName(release, 'postgres')}-headless`;
}

/** The Secret holding the PostgreSQL password when no existingSecret is given. */
export function postgresSecretName(release: string): string {
  return `${componentName(release, 'postgres')}-auth`;
}

/** The ServiceAccount every pod of the release runs as. */
export function serviceAccountName(release: string): string {
  return release;
}
