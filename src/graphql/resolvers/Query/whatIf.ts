import type { WhatIfQuery } from '../../../services/types.js';
import { toPolicyQuery, toScenario } from '../policyQuery.js';
import { WHAT_IF_QUERY, type Resolver, type WhatIfArgs, type WhatIfParent } from '../types.js';

export const whatIf: Resolver<unknown, WhatIfArgs, WhatIfParent> = async (_parent, args, { services }) => {
  const query: WhatIfQuery = { ...toPolicyQuery(args), scenario: toScenario(args.scenario) };
  const answer = await services.policy.whatIf(query);
  return { ...answer, [WHAT_IF_QUERY]: query };
};
