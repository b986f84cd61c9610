// GitLab CI: parsed as GitLab parses it (Ruby Psych, YAML 1.1): yes/no/on/off/true/false are booleans but
// y/n stay strings (so `!reference [job, y]` keeps its key), timestamps stay strings, `<<` merges apply
// and `!reference [job, key, ...]` is a sequence node tagged `!reference`.
import { YAMLSeq, type CollectionTag, type ScalarTag, type Tags } from 'yaml';
import { buildPipeline } from '../model/gitlab.js';
import type { YamlParseOptions } from '../yaml/parse.js';
import type { PlatformAdapter } from './index.js';

export const REFERENCE_TAG = '!reference';

const BOOL = 'tag:yaml.org,2002:bool';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

const gitlabTrue: ScalarTag = {
  identify: (v) => v === true,
  default: true,
  tag: BOOL,
  test: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  resolve: () => true,
};
const gitlabFalse: ScalarTag = {
  identify: (v) => v === false,
  default: true,
  tag: BOOL,
  test: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: () => false,
};
const referenceTag: CollectionTag = {
  tag: REFERENCE_TAG,
  collection: 'seq',
  nodeClass: YAMLSeq,
  default: false,
  identify: () => false,
};

function gitlabTags(tags: Tags): Tags {
  return [...tags.filter((t) => typeof t === 'string' || (t.tag !== BOOL && t.tag !== TIMESTAMP)), gitlabTrue, gitlabFalse, referenceTag];
}

export const GITLAB_PARSE_OPTIONS: YamlParseOptions = { version: '1.1', schema: 'yaml-1.1', customTags: gitlabTags, merge: true };

export const gitlab: PlatformAdapter = {
  platform: 'gitlab',
  kinds: ['gitlab-ci'],
  parseOptions: () => GITLAB_PARSE_OPTIONS,
  buildModel: (_kind, doc, file) => buildPipeline(doc, file),
};
