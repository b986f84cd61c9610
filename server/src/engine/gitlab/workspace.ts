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
  /** `include:local` files the workspace view does not have (only known when there is a view). */
  missing: Include[];
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

const ROOT_FILE = /(^|\/)\.gitlab-ci\.ya?ml$/i;
export const ROOT_CONFIG = '.gitlab-ci.yml';

/** Whether a path is a pipeline's root configuration (not a file other files include). */
export function isRootConfig(path: string): boolean {
  return ROOT_FILE.test(path);
}

/**
 * The universe of a document. A root `.gitlab-ci.yml` is the whole pipeline. Any other file is a
 * fragment some pipeline includes: when the workspace root's `.gitlab-ci.yml` includes it (directly or
 * not) its universe is that pipeline's, otherwise it is incomplete (its includer is unknown).
 */
const outerCache = new WeakMap<Pipeline, WeakMap<object, Universe>>();

export function universe(p: Pipeline, path: string, workspace: WorkspaceView | undefined): Universe {
  let byView = outerCache.get(p);
  if (!byView) outerCache.set(p, (byView = new WeakMap()));
  const hit = byView.get(workspace ?? NO_VIEW);
  if (hit) return hit;
  const u = computeUniverse(p, path, workspace);
  byView.set(workspace ?? NO_VIEW, u);
  return u;
}

function computeUniverse(p: Pipeline, path: string, workspace: WorkspaceView | undefined): Universe {
  const own = ownUniverse(p, path, workspace);
  if (isRootConfig(path) || !workspace) return own.complete && !isRootConfig(path) ? { ...own, complete: false } : own;
  const rootText = safeRead(workspace, ROOT_CONFIG);
  if (rootText === undefined) return { ...own, complete: false };
  const file = parseYaml(rootText, GITLAB_PARSE_OPTIONS);
  for (const doc of file.documents) {
    const rp = buildPipeline(doc, file);
    if (!rp || rp.isHeader) continue;
    // The editor's text of this file wins over what the view has on disk.
    const view: WorkspaceView = { readFile: (r) => (r === path ? p.file.text : workspace.readFile(r)) };
    const ru = ownUniverse(rp, ROOT_CONFIG, view);
    if (!ru.pipelines.some((x) => x.path === path)) continue;
    return { ...ru, pipelines: [...own.pipelines, ...ru.pipelines.filter((x) => x.path !== path)], unresolved: [...own.unresolved, ...ru.unresolved], complete: ru.complete && own.complete };
  }
  return { ...own, complete: false };
}

function ownUniverse(p: Pipeline, path: string, workspace: WorkspaceView | undefined): Universe {
  let byView = cache.get(p);
  if (!byView) cache.set(p, (byView = new WeakMap()));
  const key = workspace ?? NO_VIEW;
  const hit = byView.get(key);
  if (hit) return hit;
  const u: Universe = { pipelines: [{ path, pipeline: p }], complete: true, unresolved: [], missing: [] };
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
        if (rel !== undefined && workspace && pl === p) u.missing.push(inc);
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
