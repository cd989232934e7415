/**
 * One component per view, chosen from the address (state/route.ts). A new view is a new entry here, a new
 * `View` value in route.ts, and, when it needs a field not every service has, a probe in api/features.ts.
 */
import type { FunctionComponent } from 'preact';
import type { View } from '../state/route';
import { BlastRadiusView } from './BlastRadiusView';
import { DiffView } from './DiffView';
import { MeshWidePanel } from './MeshScenarioForm';
import { PolicyView } from './PolicyView';
import { QuestionForm } from './QuestionForm';
import { SnapshotList } from './SnapshotList';
import type { ViewProps } from './viewProps';
import { WhatIfView } from './WhatIfView';

/** What the main area shows for each view; the question form sits above every view that has a snapshot. */
export const VIEWS: { readonly [V in View]: FunctionComponent<ViewProps> | undefined } = {
  snapshots: SnapshotList,
  question: MeshWidePanel,
  policy: PolicyView,
  whatif: WhatIfView,
  blast: BlastRadiusView,
  diff: DiffView,
};

export { QuestionForm };
