import { useEffect, useState } from 'react';
import {
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import {
  compareTemplateVersions,
  ENTITY_ANNOTATIONS,
  TEMPLATE_NAMES,
} from '@evolution-todo/plugin-evolution-todo-common';
import Typography from '@material-ui/core/Typography';
import { upgradeTemplateRouteRef } from '../routes';

interface Versions {
  /** The System the golden path made: it carries the version. */
  systemRef: string;
  madeWith: string;
  /** What the golden path's Template renders now; undefined when the catalog does not have it. */
  current?: string;
}

const versionOf = (entity: Entity | undefined) =>
  entity?.metadata.annotations?.[ENTITY_ANNOTATIONS.templateVersion];

/** The entity's System: itself, or the one its spec.system names. */
function systemRefOf(entity: Entity): CompoundEntityRef | undefined {
  if (entity.kind.toLowerCase() === 'system') {
    return {
      kind: 'System',
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    };
  }
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  return typeof system === 'string'
    ? {
        kind: 'System',
        namespace: entity.metadata.namespace ?? 'default',
        name: system
          .replace(/^system:/, '')
          .split('/')
          .pop()!,
      }
    : undefined;
}

/**
 * The template versions from the catalog: the System's (written into
 * catalog-info.yaml at render time and by every upgrade) and the golden path
 * Template's, the one place the current version is written.
 */
function useTemplateVersions(entity: Entity): Versions | undefined {
  const catalogApi = useApi(catalogApiRef);
  const [versions, setVersions] = useState<Versions>();
  useEffect(() => {
    let live = true;
    const ref = systemRefOf(entity);
    (async () => {
      if (!ref) return undefined;
      const system =
        entity.kind.toLowerCase() === 'system'
          ? entity
          : await catalogApi.getEntityByRef(ref);
      const madeWith = versionOf(system);
      if (!madeWith) return undefined;
      const template = await catalogApi.getEntityByRef({
        kind: 'Template',
        namespace: 'default',
        name: TEMPLATE_NAMES.create,
      });
      return {
        systemRef: stringifyEntityRef(ref),
        madeWith,
        current: versionOf(template),
      };
    })().then(
      found => live && setVersions(found),
      // The versions are a hint beside the health view; a catalog error leaves them out.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [catalogApi, entity]);
  return versions;
}

/**
 * "Made with template version X, current Y", with a link to the upgrade
 * template for the System when Y is newer. Nothing for entities the golden
 * path did not make (or made before it recorded versions).
 */
export function TemplateVersionNotice() {
  const { entity } = useEntity();
  const versions = useTemplateVersions(entity);
  const upgradePage = useRouteRef(upgradeTemplateRouteRef);
  if (!versions) return null;
  const { madeWith, current } = versions;
  const behind =
    current !== undefined && compareTemplateVersions(madeWith, current) < 0;
  const upgradeUrl = upgradePage?.({
    namespace: 'default',
    templateName: TEMPLATE_NAMES.upgrade,
  });
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="template-version"
    >
      Made with template version {madeWith}
      {current !== undefined &&
        (behind ? `, current ${current}` : ' (current)')}
      {behind && upgradeUrl && (
        <>
          {' — '}
          <Link
            to={`${upgradeUrl}?${new URLSearchParams({
              formData: JSON.stringify({ system: versions.systemRef }),
            })}`}
          >
            Upgrade
          </Link>
        </>
      )}
    </Typography>
  );
}
