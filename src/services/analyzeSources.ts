/**
 * Offline analysis of files (the command line's `analyze`): the same parser, validation and engine as an
 * upload followed by the `analyze` query, with no database and no server. Findings are the snapshot's
 * intake diagnostics plus the mesh-wide analysis, in `istioctl analyze`'s terms: a level, the resource as
 * `Kind name.namespace`, where it is in the input (`file:line`), suppressions, and whether any finding
 * reaches the failure threshold.
 */
import { analyzeMesh, compileMesh, type Diagnostic, type Profile } from '../engine/index.js';
import { AppError } from '../errors/appError.js';
import { UPLOAD_REFUSAL_CODES } from '../errors/uploadRefusal.js';
import {
  locateInSource,
  parseSources,
  type ObjectOrigin,
  type SourcedProblem,
  type UploadParams,
  type UploadRefusal,
  type UploadSource,
} from '../ingest/index.js';
import { ANALYSIS_LEVELS, documentationUrl, levelOf, reaches, type AnalysisLevel } from './analysisChecks.js';
import { parseProfile } from './profile.js';
import {
  friendlyName,
  suppressedByAnnotation,
  suppressedByRule,
  type NamedResource,
  type Suppression,
} from './suppressions.js';

export interface FindingResource extends NamedResource {
  readonly cluster?: string;
  /** `file:line` in the input, when the object was read from there. */
  readonly reference?: string;
}

export interface Finding {
  readonly code: string;
  readonly level: AnalysisLevel;
  /** The first resource, as istioctl writes it: `Kind name.namespace`. */
  readonly origin?: string;
  /** Where the first resource is: `file:line`. */
  readonly reference?: string;
  readonly cluster?: string;
  readonly message: string;
  readonly documentationUrl: string;
  /** The nearest istioctl (IST) or Kiali (KIA) check. */
  readonly equivalent?: string;
  readonly resources: readonly FindingResource[];
}

export interface AnalyzeSourcesInput {
  readonly sources: readonly UploadSource[];
  /** `cluster` and `network` name a plain stream's cluster; a bundle names its own. */
  readonly params: Pick<UploadParams, 'cluster' | 'network'>;
  readonly profile?: string;
  readonly suppressions: readonly Suppression[];
  readonly failureThreshold: AnalysisLevel;
}

export interface AnalysisReport {
  readonly profile: Profile;
  readonly clusters: readonly string[];
  readonly findings: readonly Finding[];
  /** Findings silenced by `--suppress` or the annotation. */
  readonly suppressed: number;
  readonly failureThreshold: AnalysisLevel;
  /** Some finding's level reaches the failure threshold. */
  readonly thresholdReached: boolean;
}

function objectKey(
  cluster: string | undefined,
  kind: string,
  namespace: string | undefined,
  name: string,
): string {
  return JSON.stringify([cluster ?? '', kind, namespace ?? '', name]);
}

/** Lines of every object the findings name, one pass over each source that holds one. */
function referencesFor(
  resources: readonly ObjectOrigin[],
  sources: readonly UploadSource[],
): Map<ObjectOrigin, string> {
  const out = new Map<ObjectOrigin, string>();
  for (const source of sources) {
    const wanted = resources.filter((origin) => origin.source === source.name);
    if (wanted.length === 0) continue;
    const text = typeof source.body === 'string' ? source.body : new TextDecoder().decode(source.body);
    const found = locateInSource(text, source.contentType, wanted);
    wanted.forEach((origin, index) => {
      const location = found[index];
      out.set(origin, location === undefined ? source.name : `${source.name}:${location.line}`);
    });
  }
  return out;
}

function describeProblem(problem: SourcedProblem): string {
  const where = [
    problem.source,
    problem.documentIndex === undefined ? undefined : `document ${problem.documentIndex}`,
    problem.pointer === '' ? undefined : problem.pointer,
  ].filter((part) => part !== undefined);
  return `${where.length > 0 ? `${where.join(' ')}: ` : ''}[${problem.code}] ${problem.message}`;
}

export function refuse(refusal: UploadRefusal, problems: readonly SourcedProblem[]): AppError {
  if (problems.every((problem) => problem.code === 'INVALID_PARAMETER')) {
    return new AppError('INVALID_REQUEST', problems.map((problem) => problem.message).join(' '), {
      problems,
    });
  }
  const lines = problems.map(describeProblem);
  return new AppError(
    UPLOAD_REFUSAL_CODES[refusal],
    `The input was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    { problems },
  );
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    ANALYSIS_LEVELS.indexOf(a.level) - ANALYSIS_LEVELS.indexOf(b.level) ||
    a.code.localeCompare(b.code) ||
    (a.origin ?? '').localeCompare(b.origin ?? '') ||
    (a.cluster ?? '').localeCompare(b.cluster ?? '') ||
    a.message.localeCompare(b.message)
  );
}

export function analyzeSources(input: AnalyzeSourcesInput): AnalysisReport {
  const profile = parseProfile(input.profile);
  const parsed = parseSources(input.sources, {
    ...input.params,
    ...(profile === undefined ? {} : { profile }),
  });
  if (!parsed.ok) throw refuse(parsed.refusal, parsed.problems);
  const { snapshot } = parsed;
  const diagnostics: readonly Diagnostic[] = [
    ...snapshot.diagnostics,
    ...analyzeMesh(compileMesh(snapshot.model), snapshot.profile),
  ];

  const origins = new Map<string, ObjectOrigin>();
  for (const origin of parsed.objects)
    origins.set(objectKey(origin.cluster, origin.kind, origin.namespace, origin.name), origin);
  const originOf = (resource: Diagnostic['resources'][number]): ObjectOrigin | undefined =>
    origins.get(objectKey(resource.cluster, resource.kind, resource.namespace, resource.name));

  let suppressed = 0;
  const kept = diagnostics.filter((diagnostic) => {
    const silenced =
      suppressedByRule(diagnostic.code, diagnostic.resources, input.suppressions) ||
      diagnostic.resources.some((resource) => {
        const origin = originOf(resource);
        return origin !== undefined && suppressedByAnnotation(diagnostic.code, origin.annotations);
      });
    if (silenced) suppressed += 1;
    return !silenced;
  });

  const named = kept.flatMap((diagnostic) => diagnostic.resources.map(originOf));
  const references = referencesFor(
    [...new Set(named.filter((origin) => origin !== undefined))],
    input.sources,
  );
  const findings = kept.map((diagnostic): Finding => {
    const resources = diagnostic.resources.map((resource): FindingResource => {
      const origin = originOf(resource);
      const reference = origin === undefined ? undefined : references.get(origin);
      return { ...resource, ...(reference === undefined ? {} : { reference }) };
    });
    const first = resources[0];
    return {
      code: diagnostic.code,
      level: levelOf(diagnostic.severity),
      ...(first === undefined ? {} : { origin: friendlyName(first) }),
      ...(first?.reference === undefined ? {} : { reference: first.reference }),
      ...(first?.cluster === undefined ? {} : { cluster: first.cluster }),
      message: diagnostic.message,
      documentationUrl: documentationUrl(diagnostic.code),
      ...(diagnostic.equivalent === undefined ? {} : { equivalent: diagnostic.equivalent }),
      resources,
    };
  });
  findings.sort(compareFindings);
  return {
    profile: snapshot.profile,
    clusters: snapshot.model.clusters.map((cluster) => cluster.name),
    findings,
    suppressed,
    failureThreshold: input.failureThreshold,
    thresholdReached: findings.some((finding) => reaches(finding.level, input.failureThreshold)),
  };
}
