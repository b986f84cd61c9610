// Where a flow configures Docker: the Docker task runner (`taskRunner: {type: ...runner.docker.Docker}`),
// the legacy `dockerOptions` of script tasks, the `io.kestra.plugin.docker.Run` task, and the same
// settings given to every task through `pluginDefaults`.
import { isMap, type YAMLMap } from 'yaml';
import type { KestraFlow } from '../model/kestra.js';
import type { YamlDocument } from '../yaml/parse.js';
import { asMap, get, getPair, scalarString } from '../yaml/nodes.js';
import { canonicalType } from './types.js';

export interface DockerSettings {
  /** Where the settings are, for messages: "task 'x' (Docker task runner)". */
  where: string;
  map: YAMLMap<unknown, unknown>;
}

const DOCKER_RUNNER = /^io\.kestra\.plugin\.scripts\.runner\.docker\.Docker$/i;
const DOCKER_TASK = /^io\.kestra\.plugin\.docker\.(Run|Build)$/i;

function fromTaskLike(map: unknown, label: string, doc: YamlDocument, out: DockerSettings[]): void {
  const type = scalarString(get(map, 'type', doc), doc);
  const m = asMap(map, doc);
  if (!m) return;
  if (type && DOCKER_TASK.test(canonicalType(type))) out.push({ where: label, map: m });
  const runner = asMap(get(m, 'taskRunner', doc), doc);
  if (runner && DOCKER_RUNNER.test(scalarString(get(runner, 'type', doc), doc) ?? '')) out.push({ where: `${label} (Docker task runner)`, map: runner });
  const legacy = asMap(get(m, 'dockerOptions', doc), doc) ?? asMap(get(m, 'docker', doc), doc);
  // dockerOptions apply only when the (deprecated) runner is DOCKER, the default except for the old core script tasks.
  const runnerName = scalarString(get(m, 'runner', doc), doc)?.toUpperCase();
  const usesDocker = runnerName ? runnerName === 'DOCKER' : !/^io\.kestra\.core\.tasks\.scripts\./i.test(type ?? '');
  if (legacy && usesDocker) out.push({ where: `${label} (dockerOptions)`, map: legacy });
}

export function dockerSettings(flow: KestraFlow, doc: YamlDocument): DockerSettings[] {
  const out: DockerSettings[] = [];
  for (const t of flow.tasks) fromTaskLike(t.node, `task '${t.id?.value ?? '?'}'`, doc, out);
  for (const d of flow.pluginDefaults) {
    const values = asMap(get(d.node, 'values', doc), doc);
    if (!values) continue;
    const label = `pluginDefaults for '${d.type?.value ?? '?'}'`;
    // Defaults for the Docker runner type itself hold its properties directly.
    if (d.type && DOCKER_RUNNER.test(d.type.value)) out.push({ where: label, map: values });
    else if (d.type && DOCKER_TASK.test(canonicalType(d.type.value))) out.push({ where: label, map: values });
    else fromTaskLike(values, label, doc, out);
  }
  return out;
}

/** Container images a flow runs: `containerImage` of script/Docker tasks, legacy `dockerOptions.image`, defaults. */
export function containerImages(flow: KestraFlow, doc: YamlDocument): { where: string; node: unknown }[] {
  const out: { where: string; node: unknown }[] = [];
  const add = (map: unknown, label: string) => {
    // The Process runner ignores the image: nothing is pulled.
    const runnerType = scalarString(get(get(map, 'taskRunner', doc), 'type', doc), doc);
    const legacyRunner = scalarString(get(map, 'runner', doc), doc)?.toUpperCase();
    const type = scalarString(get(map, 'type', doc), doc) ?? '';
    if ((runnerType && canonicalType(runnerType) === 'io.kestra.plugin.core.runner.Process') || legacyRunner === 'PROCESS') return;
    if (/^io\.kestra\.core\.tasks\.scripts\./i.test(type) && legacyRunner !== 'DOCKER') return;
    const ci = getPair(map, 'containerImage', doc);
    if (ci?.value != null) out.push({ where: label, node: ci.value });
    const legacy = get(map, 'dockerOptions', doc) ?? get(map, 'docker', doc);
    const img = isMap(legacy) ? getPair(legacy, 'image', doc) : undefined;
    if (img?.value != null) out.push({ where: `${label} (dockerOptions)`, node: img.value });
  };
  for (const t of flow.tasks) add(t.node, `task '${t.id?.value ?? '?'}'`);
  for (const d of flow.pluginDefaults) add(get(d.node, 'values', doc), `pluginDefaults for '${d.type?.value ?? '?'}'`);
  return out;
}
