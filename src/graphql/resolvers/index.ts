import { Impact } from './Impact.js';
import { analyze } from './Query/analyze.js';
import { blastRadius } from './Query/blastRadius.js';
import { diff } from './Query/diff.js';
import { effectivePolicy } from './Query/effectivePolicy.js';
import { snapshot } from './Query/snapshot.js';
import { snapshots } from './Query/snapshots.js';
import { whatIf } from './Query/whatIf.js';
import { Snapshot } from './Snapshot.js';
import { WhatIf } from './WhatIf.js';

/** Every resolver, by SDL type and field; all other fields are the answer objects' own properties. */
export const resolvers = {
  Query: { snapshots, snapshot, effectivePolicy, whatIf, analyze, blastRadius, diff },
  Impact,
  Snapshot,
  WhatIf,
};
