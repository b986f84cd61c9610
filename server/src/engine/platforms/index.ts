// Each platform says how to parse its documents and which typed model its rules receive.
// A new platform adds a file here and its rules under rules/<platform>/.
import type { DocumentKind, Platform } from '../types.js';
import type { YamlDocument, YamlFile, YamlParseOptions } from '../yaml/parse.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { kestra } from './kestra.js';

export interface PlatformAdapter {
  platform: Exclude<Platform, 'core'>;
  kinds: readonly DocumentKind[];
  parseOptions?(kind: DocumentKind): YamlParseOptions;
  /** Builds the model of one document; undefined when the document has no usable structure. */
  buildModel(kind: DocumentKind, doc: YamlDocument, file: YamlFile): unknown;
}

export const PLATFORMS: readonly PlatformAdapter[] = [github, gitlab, kestra];

export function platformFor(kind: DocumentKind): PlatformAdapter | undefined {
  return PLATFORMS.find((p) => p.kinds.includes(kind));
}
