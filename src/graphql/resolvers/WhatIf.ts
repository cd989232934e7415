import { sweepLoadFactors, type AutoscalerOutlook, type SweepPoint } from '../../engine/index.js';
import { WHAT_IF_QUERY, type Nullable, type Resolver, type WhatIfParent } from './types.js';

interface SweepArgs {
  readonly from?: Nullable<number>;
  readonly to?: Nullable<number>;
  readonly step?: Nullable<number>;
}

const sweep: Resolver<WhatIfParent, SweepArgs, readonly SweepPoint[]> = (parent, args, { services }) => {
  const query = parent[WHAT_IF_QUERY];
  return services.policy.sweep({
    ...query,
    loadFactors: sweepLoadFactors(args.from ?? 1, args.to ?? 3, args.step ?? 0.25),
  });
};

/** The engine leaves the list out when no HPA scales the backend; the schema says []. */
const autoscalers: Resolver<WhatIfParent, object, readonly AutoscalerOutlook[]> = (parent) =>
  parent.autoscalers ?? [];

export const WhatIf = { sweep, autoscalers };
