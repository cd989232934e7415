/**
 * Silencing findings the way `istioctl analyze` does (`pkg/config/analysis/local`, `filterMessages`):
 *  - `CODE=Kind name.namespace` from the command line: the code must match exactly, the resource is a glob
 *    where `*` stands for any run of characters (istioctl's `glob.Glob`), matched against the finding's
 *    resource written as istioctl writes it (`Kind name.namespace`, `Kind name` when cluster-scoped);
 *  - the annotation `spillway.dev/suppress: SPW0010,SPW0002` (or `*`) on an object, the counterpart of
 *    istioctl's `galley.istio.io/analyze-suppress`.
 * A Spillway finding may name several resources (istioctl's name one); it is suppressed when any of them
 * matches, since each is one of the objects the finding is about.
 */
import { AppError } from '../errors/appError.js';

export const SUPPRESS_ANNOTATION = 'spillway.dev/suppress';
/** The annotation value that silences every code on the object. */
const ALL_CODES = '*';

export interface Suppression {
  readonly code: string;
  /** Glob over `Kind name.namespace`. */
  readonly resource: string;
}

export interface NamedResource {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** istioctl's convention `Kind name.namespace` (`pkg/config/legacy/source/kube/origin.go`, FriendlyName). */
export function friendlyName(resource: NamedResource): string {
  return resource.namespace === undefined || resource.namespace === ''
    ? `${resource.kind} ${resource.name}`
    : `${resource.kind} ${resource.name}.${resource.namespace}`;
}

/**
 * @example parseSuppression('SPW0010=DestinationRule *.prod') // → { code: 'SPW0010', resource: 'DestinationRule *.prod' }
 */
export function parseSuppression(text: string): Suppression {
  const parts = text.split('=');
  const [code, resource] = parts;
  if (parts.length !== 2 || code === undefined || resource === undefined || code === '' || resource === '') {
    throw new AppError(
      'INVALID_REQUEST',
      `"${text}" is not a valid suppression; write CODE=RESOURCE, e.g. "SPW0010=DestinationRule reviews.prod" or "SPW0010=*".`,
    );
  }
  return { code, resource };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** @example globMatches('Pod *.testing', 'Pod web-1.testing') // → true */
export function globMatches(pattern: string, subject: string): boolean {
  const source = pattern.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`, 'su').test(subject);
}

/** The codes an object's annotation silences (comma-separated, blanks around codes ignored). */
export function annotatedCodes(annotations: Readonly<Record<string, unknown>>): readonly string[] {
  const value = annotations[SUPPRESS_ANNOTATION];
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

export function suppressedByAnnotation(
  code: string,
  annotations: Readonly<Record<string, unknown>>,
): boolean {
  return annotatedCodes(annotations).some((annotated) => annotated === ALL_CODES || annotated === code);
}

export function suppressedByRule(
  code: string,
  resources: readonly NamedResource[],
  rules: readonly Suppression[],
): boolean {
  return rules.some(
    (rule) =>
      rule.code === code && resources.some((resource) => globMatches(rule.resource, friendlyName(resource))),
  );
}
