/**
 * Query parameters of an upload and the bundle fields that play the same roles. Defaults for a plain
 * upload: name `snapshot`, cluster `cluster1` (the name Istio's multicluster guides use; the reference
 * syntax `cluster/namespace/name` needs one), network `''` (single network), profile `SOLO`.
 */
import { isProfile, PROFILES } from '../engine/index.js';
import type { UploadParams, UploadProblem } from './types.js';
import { makeProblem } from './uploadProblem.js';

export const DEFAULT_SNAPSHOT_NAME = 'snapshot';
export const DEFAULT_CLUSTER_NAME = 'cluster1';
export const DEFAULT_NETWORK = '';

/** Snapshot names: 1–253 characters, letters, digits, `.`, `_`, `-`, starting and ending alphanumeric. */
export const SNAPSHOT_NAME_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$';
/** Cluster and network ids: 1–63 characters of the same alphabet. */
export const TOPOLOGY_ID_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$';

const snapshotName = new RegExp(SNAPSHOT_NAME_PATTERN, 'u');
const topologyId = new RegExp(TOPOLOGY_ID_PATTERN, 'u');

function parameterProblem(parameter: string, message: string): UploadProblem {
  return { ...makeProblem('INVALID_PARAMETER', message, ''), parameter };
}

/** Checks every given parameter; `isBundle` forbids the ones a bundle carries per cluster. */
export function checkUploadParams(params: UploadParams, isBundle: boolean): UploadProblem[] {
  const problems: UploadProblem[] = [];
  if (params.name !== undefined && !snapshotName.test(params.name)) {
    problems.push(
      parameterProblem(
        'name',
        `name "${params.name}" must be 1–253 letters, digits, '.', '_' or '-', starting and ending with a letter or digit.`,
      ),
    );
  }
  if (params.profile !== undefined && !isProfile(params.profile)) {
    problems.push(
      parameterProblem('profile', `profile "${params.profile}" is not one of ${PROFILES.join(', ')}.`),
    );
  }
  for (const parameter of ['cluster', 'network'] as const) {
    const value = params[parameter];
    if (value === undefined || value === '') continue;
    if (isBundle) {
      problems.push(
        parameterProblem(
          parameter,
          `${parameter} cannot be given with a MeshSnapshot bundle; each cluster in spec.clusters names its own.`,
        ),
      );
    } else if (!topologyId.test(value)) {
      problems.push(
        parameterProblem(
          parameter,
          `${parameter} "${value}" must be 1–63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit.`,
        ),
      );
    }
  }
  return problems;
}
