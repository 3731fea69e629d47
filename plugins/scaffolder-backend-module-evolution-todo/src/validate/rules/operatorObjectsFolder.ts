import { MANIFESTS_FOLDER } from '../../actions/renderManifests';
import {
  isOperatorObject,
  OPERATOR_MANIFESTS_FOLDER,
  PROMETHEUS_OPERATOR_API_VERSION,
} from '../../render/manifests/monitoring/operator';
import { objectRule } from './helpers';

const OPERATOR_FOLDER = `${MANIFESTS_FOLDER}/${OPERATOR_MANIFESTS_FOLDER}/`;

/**
 * k8s/monitoring/ holds the Prometheus Operator's objects and nothing else:
 * the deploy action and scripts/deploy.sh apply that folder only where the
 * cluster serves monitoring.coreos.com/v1, and the rest of k8s/ everywhere.
 * An operator object elsewhere breaks a deploy to a cluster without the
 * operator; any other object in the folder is silently left out of one.
 */
export const operatorObjectsFolder = objectRule(
  {
    id: 'operator-objects-folder',
    severity: 'error',
    description: `Prometheus Operator objects (${PROMETHEUS_OPERATOR_API_VERSION}) live in ${OPERATOR_FOLDER}, and nothing else does: that folder is applied only where the cluster serves the operator's API.`,
  },
  ({ object, file }) => {
    if (!file.startsWith(`${MANIFESTS_FOLDER}/`)) return [];
    const inFolder = file.startsWith(OPERATOR_FOLDER);
    const operator =
      typeof object.apiVersion === 'string' &&
      isOperatorObject({ apiVersion: object.apiVersion });
    if (operator && !inFolder) {
      return [
        {
          field: 'apiVersion',
          problem: `is a Prometheus Operator kind outside ${OPERATOR_FOLDER} (in ${file}): a cluster without the operator's CRDs would refuse it, so move it to ${OPERATOR_FOLDER}`,
        },
      ];
    }
    if (!operator && inFolder) {
      return [
        {
          field: 'apiVersion',
          problem: `is not a Prometheus Operator kind but sits in ${OPERATOR_FOLDER} (in ${file}), which a deploy skips on clusters without the operator; move it out`,
        },
      ];
    }
    return [];
  },
);
