import type { AnalysisCheck } from '../check.js';
import type { SubsetsFacts } from '../facts.js';

type EndpointLabels = SubsetsFacts['endpointLabels'][number];

/** Label selector semantics of a subset (`labels.Instance.SubsetOf`): every pair must be on the endpoint. */
function selects(subsetLabels: SubsetsFacts['subsets'][number]['labels'], labels: EndpointLabels): boolean {
  return labels !== undefined && Object.entries(subsetLabels).every(([key, value]) => labels[key] === value);
}

/**
 * SPW0023. istiod builds a subset's cluster from the host's endpoints whose labels, augmented with their
 * Node's topology (`AugmentLabels`), carry every label of the subset; a subset that selects none answers
 * every request with 503 UH (no healthy upstream). istioctl's `SubsetSelectPodAnalyzer` (IST0173) merges
 * the host's selector with the subset's labels and tries every pod; Spillway tries the host's endpoints,
 * which are the pods that selector picks. An endpoint whose pod is not in the snapshot has unknown labels,
 * so a subset is reported only when every endpoint's labels are known.
 */
export const destinationRuleSubsetSelectsNothing = {
  code: 'SPW0023',
  id: 'DESTINATION_RULE_SUBSET_SELECTS_NOTHING',
  severity: 'ERROR',
  title: 'A DestinationRule subset selects no endpoint of its host: requests routed to it fail (503 UH)',
  equivalent: 'IST0173',
  upstream:
    'istioctl analyze destinationrule.SubsetSelectPodAnalyzer (IST0173); pilot serviceregistry/util/label AugmentLabels',
  scopes: ['mesh'],
  subject: 'subsets',
  run: ({ rule, host, subsets, endpointLabels }) => {
    if (endpointLabels.includes(undefined)) return [];
    return subsets
      .filter((subset) => !endpointLabels.some((labels) => selects(subset.labels, labels)))
      .map((subset) => {
        const wanted = Object.entries(subset.labels)
          .map(([key, value]) => `${key}=${value}`)
          .join(', ');
        return {
          message: `DestinationRule ${rule.namespace}/${rule.name}: subset ${subset.name} (${wanted === '' ? 'no labels' : wanted}) selects none of the ${endpointLabels.length.toString()} endpoint(s) of ${host}; requests routed to it fail with 503 UH (no healthy upstream).`,
          resources: [rule.ref],
        };
      });
  },
} as const satisfies AnalysisCheck<'subsets'>;
