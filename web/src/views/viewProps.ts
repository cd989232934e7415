import type { Features } from '../api/features';
import type { Route } from '../state/route';

/** What every view gets from the frame (App.tsx). */
export interface ViewProps {
  readonly route: Route;
  readonly features: Features;
  readonly navigate: (route: Route) => void;
  /** Bumped when a token is entered, so every view asks again. */
  readonly reload: number;
}
