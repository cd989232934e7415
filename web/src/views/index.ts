/**
 * One component per view, chosen from the address (state/route.ts). A new view, such as the mesh-wide
 * blast radius (`Query.blastRadius`) or the snapshot diff (`Query.diff`) once the service has them, is a new
 * entry here, a new `View` value in route.ts, and a probe in api/features.ts that hides it on services
 * without the field.
 */
import type { FunctionComponent } from 'preact';
import type { View } from '../state/route';
import { PolicyView } from './PolicyView';
import { QuestionForm } from './QuestionForm';
import { SnapshotList } from './SnapshotList';
import type { ViewProps } from './viewProps';
import { WhatIfView } from './WhatIfView';

/** What the main area shows for each view; the question form sits above every view that has a snapshot. */
export const VIEWS: { readonly [V in View]: FunctionComponent<ViewProps> | undefined } = {
  snapshots: SnapshotList,
  question: undefined,
  policy: PolicyView,
  whatif: WhatIfView,
};

export { QuestionForm };
