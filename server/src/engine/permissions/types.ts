// What the least-privilege analysis produces: per step the scopes it needs (and why), or the reason
// it cannot tell.
import type { Span } from '../types.js';
import type { Level, PermissionScope } from './scopes.js';

export interface Need {
  scope: PermissionScope;
  level: Level;
  /** Scopes any of which satisfies the need instead (issue endpoints on a pull request number). */
  alternatives?: PermissionScope[];
  /** What needs it: an action (`softprops/action-gh-release`) or a command (`gh release create`). */
  by: string;
  /** Why, as a short phrase ("to create the release"). */
  why: string;
  /** Where in the document (the `uses:` value, the command inside `run:`). */
  span: Span;
  /** Label of the step it comes from. */
  step: string;
  /** False when the need rests on something only known at run time (a token passed through inputs). */
  certain: boolean;
  /**
   * The step may use the scope (trusted publishing, signing, a tool configured elsewhere): a grant
   * that covers it is kept and never called unused, but FlowGuard does not add it.
   */
  possible?: boolean;
}

export interface UnknownUse {
  span: Span;
  step: string;
  why: string;
}

export interface StepResult {
  needs: Need[];
  unknown: UnknownUse[];
}

/** How a value relates to GITHUB_TOKEN. */
export type TokenKind = 'github' | 'maybe' | 'other' | 'none';
