// Where a rule's documentation lives. Each rule's doc sits next to it (rules/<platform>/<id>.md); the
// build copies them to dist/docs/rules/<id>.md for the VSIX, where the server links to them offline.
// The repository URL is what SARIF and the CLI link to.
import type { Platform } from './types.js';

export const REPOSITORY_URL = 'https://github.com/flowguard-dev/flowguard';

export function ruleDocsUrl(ruleId: string, platform: Platform): string {
  return `${REPOSITORY_URL}/blob/main/${ruleSourceDocPath(ruleId, platform)}`;
}

/** Path of a rule's doc in the source tree. */
export function ruleSourceDocPath(ruleId: string, platform: Platform): string {
  return `server/src/engine/rules/${platform}/${ruleId}.md`;
}

/** Path of a rule's doc inside the built extension (relative to the extension root). */
export function ruleBundledDocPath(ruleId: string): string {
  return `dist/docs/rules/${ruleId}.md`;
}
