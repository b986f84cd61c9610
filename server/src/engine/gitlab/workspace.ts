// The pipeline as GitLab sees it across files: this document plus the files it includes with
// `include:local`, read through the caller's WorkspaceView (the engine never reads files itself).
// When an include cannot be followed (remote, project, component, template, a glob, a file the view
// does not have, or no view at all) the universe is marked incomplete: names may come from there.
import type { Node } from 'yaml';
import type { WorkspaceView } from '../rules/rule.js';
import type { YamlDocument } from '../yaml/parse.js';
import { parseYaml } from '../yaml/parse.js';
import { GITLAB_PARSE_OPTIONS } from '../platforms/gitlab.js';
import { buildPipeline, type Include, type Job, type Pipeline } from '../model/gitlab.js';
import { get } from '../yaml/nodes.js';

export interface Universe {
  /** This document first, then included files in include order (depth-first). */
  pipelines: { path: string; pipeline: Pipeline }[];
  /** False when some include could not be followed: unknown names may be defined there. */
  complete: boolean;
  /** Why it is incomplete, for messages. */
  unresolved: Include[];
  /** Stages declared anywhere (the main file's `stages:` wins, as in GitLab). */
  stages?: string[];
}

const MAX_INCLUDES = 150;
const cache = new WeakMap<Pipeline, WeakMap<object, Universe>>();
const NO_VIEW = {};

/** Normalises an `include:local` path to a workspace-relative one. */
export function localIncludePath(value: string): string | undefined {
  let p = value.trim().replace(/\\/g, '/');
  if (!p || /[*?[\]{}]/.test(p) || p.includes('$')) return undefined;
  p = p.replace(/^\/+/, '').replace(/^\.\//, '');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function universe(p: Pipeline, path: string, workspace: WorkspaceView | undefined): Universe {
  let byView = cache.get(p);
  if (!byView) cache.set(p, (byView = new WeakMap()));
  const key = workspace ?? NO_VIEW;
  const hit = byView.get(key);
  if (hit) return hit;
  const u: Universe = { pipelines: [{ path, pipeline: p }], complete: true, unresolved: [] };
  const seen = new Set<string>([path]);
  let count = 0;
  const follow = (pl: Pipeline, depth: number) => {
    for (const inc of pl.includes) {
      if (inc.kind !== 'local' || !inc.target) {
        u.complete = false;
        u.unresolved.push(inc);
        continue;
      }
      const rel = localIncludePath(inc.target.value);
      const text = rel !== undefined && workspace && count < MAX_INCLUDES && depth < 100 ? safeRead(workspace, rel) : undefined;
      if (rel === undefined || text === undefined) {
        u.complete = false;
        u.unresolved.push(inc);
        continue;
      }
      if (seen.has(rel)) continue;
      seen.add(rel);
      count++;
      const file = parseYaml(text, GITLAB_PARSE_OPTIONS);
      for (const doc of file.documents) {
        const sub = buildPipeline(doc, file);
        if (!sub || sub.isHeader) continue;
        u.pipelines.push({ path: rel, pipeline: sub });
        follow(sub, depth + 1);
      }
    }
  };
  follow(p, 0);
  for (const { pipeline } of u.pipelines) {
    if (pipeline.stages) {
      u.stages = pipeline.stages.values.map((v) => v.value);
      break;
    }
  }
  byView.set(key, u);
  return u;
}

function safeRead(ws: WorkspaceView, rel: string): string | undefined {
  try {
    return ws.readFile(rel);
  } catch {
    return undefined;
  }
}

/** A job or template by name: this document's definition wins over included ones. */
export function findJob(u: Universe, name: string): { job: Job; pipeline: Pipeline; path: string } | undefined {
  for (const { pipeline, path } of u.pipelines) {
    const job = pipeline.byName.get(name);
    if (job) return { job, pipeline, path };
  }
  return undefined;
}

/** Any top-level key (job or global keyword) by name, for `!reference` targets. */
export function findTopLevel(u: Universe, name: string): { node: Node; doc: YamlDocument } | undefined {
  for (const { pipeline } of u.pipelines) {
    const n = get(pipeline.root, name, pipeline.doc);
    if (n !== undefined) return { node: n, doc: pipeline.doc };
  }
  return undefined;
}
