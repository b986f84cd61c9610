// What FlowGuard knows about Kestra's core plugin types: one-line purpose, security notes, and the
// deprecated names Kestra still accepts (`@Plugin(aliases = ...)`, resolved case-insensitively).
// Sources: kestra-io/kestra core/src/main/java/io/kestra/plugin/core/** and the plugin docs pages.

export type PluginKind = 'task' | 'trigger' | 'condition' | 'runner';

export interface CoreType {
  kind: PluginKind;
  purpose: string;
  security?: string;
  /** Runs other tasks (Kestra's FlowableTask). */
  flowable?: boolean;
}

const P = 'io.kestra.plugin.core.';

export const CORE_TYPES: Record<string, CoreType> = {
  [`${P}flow.AllowFailure`]: { kind: 'task', flowable: true, purpose: 'Runs its tasks sequentially and lets the flow continue (WARNING) when one of them fails.', security: 'Failures inside (a failed scan, a failed check) no longer stop the flow.' },
  [`${P}flow.Dag`]: { kind: 'task', flowable: true, purpose: 'Runs tasks as a directed acyclic graph: each `task` starts when its `dependsOn` tasks are done.' },
  [`${P}flow.EachParallel`]: { kind: 'task', flowable: true, purpose: 'Deprecated (use ForEach with concurrencyLimit): runs its tasks in parallel for each value.' },
  [`${P}flow.EachSequential`]: { kind: 'task', flowable: true, purpose: 'Deprecated (use ForEach): runs its tasks sequentially for each value.' },
  [`${P}flow.ForEach`]: { kind: 'task', flowable: true, purpose: 'Runs its tasks once per value of `values` (`{{ taskrun.value }}`), sequentially or with `concurrencyLimit`.', security: 'When `values` comes from inputs or trigger data, `taskrun.value` is as untrusted as they are.' },
  [`${P}flow.ForEachItem`]: { kind: 'task', flowable: true, purpose: 'Splits a file into batches and starts one subflow execution per batch.' },
  [`${P}flow.If`]: { kind: 'task', flowable: true, purpose: 'Runs `then` or `else` tasks depending on a Pebble `condition`.' },
  [`${P}flow.Loop`]: { kind: 'task', flowable: true, purpose: 'Runs its tasks a number of times or over a range.' },
  [`${P}flow.LoopUntil`]: { kind: 'task', flowable: true, purpose: 'Runs its tasks repeatedly until a condition is true (with a check frequency and limits).' },
  [`${P}flow.Parallel`]: { kind: 'task', flowable: true, purpose: 'Runs its tasks in parallel (`concurrent` limits how many at once).' },
  [`${P}flow.Pause`]: { kind: 'task', flowable: true, purpose: 'Pauses the execution until resumed manually (or via the API) or for a `delay`; can ask for `onResume` inputs.', security: 'Resuming is an EXECUTION update: whoever may resume decides the resume inputs.' },
  [`${P}flow.Sequential`]: { kind: 'task', flowable: true, purpose: 'Groups tasks that run one after the other (with their own `errors` and `finally`).' },
  [`${P}flow.Sleep`]: { kind: 'task', purpose: 'Waits for a `duration` without holding a worker thread.' },
  [`${P}flow.Subflow`]: { kind: 'task', purpose: 'Starts an execution of another flow (`namespace` + `flowId`) with `inputs`, optionally waiting for it.', security: 'The subflow runs with its own namespace\'s secrets and KV; the caller needs its namespace to be allowed.' },
  [`${P}flow.Switch`]: { kind: 'task', flowable: true, purpose: 'Runs the tasks of the `cases` entry matching `value`, or `defaults`.' },
  [`${P}flow.Template`]: { kind: 'task', flowable: true, purpose: 'Deprecated: includes the tasks of a template (templates are removed in recent versions).' },
  [`${P}flow.WaitFor`]: { kind: 'task', flowable: true, purpose: 'Runs its tasks repeatedly until a `condition` is true.' },
  [`${P}flow.WorkingDirectory`]: { kind: 'task', flowable: true, purpose: 'Runs its (runnable) tasks on the same worker, sharing one working directory.', security: '`namespaceFiles` pulls namespace-stored code into the directory: whoever can write the namespace controls what runs.' },
  [`${P}flow.Approval`]: { kind: 'task', flowable: true, purpose: 'Pauses until a person approves (newer versions).' },
  [`${P}flow.PurgeFlows`]: { kind: 'task', purpose: 'Deletes flows (or revisions) matching filters.', security: 'Destructive: needs FLOW delete rights on the namespaces it reaches.' },
  [`${P}log.Log`]: { kind: 'task', purpose: 'Writes a `message` to the execution logs at a `level`.', security: 'Secrets rendered into a message are masked only when Kestra recognises their value; do not log secrets.' },
  [`${P}log.Fetch`]: { kind: 'task', purpose: 'Fetches the logs of an execution into a file.' },
  [`${P}log.PurgeLogs`]: { kind: 'task', purpose: 'Deletes logs matching filters.' },
  [`${P}debug.Return`]: { kind: 'task', purpose: 'Renders `format` and returns it as the `value` output (for debugging).' },
  [`${P}debug.Echo`]: { kind: 'task', purpose: 'Deprecated (use Log): logs a `format` string.' },
  [`${P}execution.Fail`]: { kind: 'task', purpose: 'Fails the execution (optionally only when `condition` is true) with an `errorMessage`.' },
  [`${P}execution.Exit`]: { kind: 'task', purpose: 'Ends the execution early with a given `state`.' },
  [`${P}execution.Labels`]: { kind: 'task', purpose: 'Adds or updates labels on the current execution.' },
  [`${P}execution.Count`]: { kind: 'task', purpose: 'Counts executions matching filters (for SLA-like checks).' },
  [`${P}execution.Counts`]: { kind: 'task', purpose: 'Deprecated name of Count.' },
  [`${P}execution.PurgeExecutions`]: { kind: 'task', purpose: 'Deletes executions (and their logs, metrics, files) matching filters.', security: 'Destructive: removes audit evidence of past runs.' },
  [`${P}execution.Resume`]: { kind: 'task', purpose: 'Resumes a paused execution.' },
  [`${P}execution.Assert`]: { kind: 'task', purpose: 'Fails the task when one of its `conditions` is false.' },
  [`${P}execution.SetVariables`]: { kind: 'task', purpose: 'Sets execution variables.' },
  [`${P}execution.UnsetVariables`]: { kind: 'task', purpose: 'Removes execution variables.' },
  [`${P}execution.Kill`]: { kind: 'task', purpose: 'Kills an execution.' },
  [`${P}output.OutputValues`]: { kind: 'task', purpose: 'Publishes `values` as task outputs.', security: 'Output values are visible to everyone who can read the execution; do not output secrets.' },
  [`${P}http.Request`]: { kind: 'task', purpose: 'Sends an HTTP request and returns the response (`body`, `headers`, `code`).', security: 'The response body is external data: treat `outputs.<id>.body` as untrusted.' },
  [`${P}http.Download`]: { kind: 'task', purpose: 'Downloads a URL to internal storage.' },
  [`${P}http.SseRequest`]: { kind: 'task', purpose: 'Reads a server-sent events stream.' },
  [`${P}http.Trigger`]: { kind: 'trigger', purpose: 'Polls a URL and starts an execution when the response matches `responseCondition`.' },
  [`${P}kv.Set`]: { kind: 'task', purpose: 'Stores a value in the namespace KV store.', security: 'KV values are not secrets: they are readable by anyone who can read the namespace\'s KV store and are not masked in logs.' },
  [`${P}kv.Get`]: { kind: 'task', purpose: 'Reads a value from the KV store.' },
  [`${P}kv.GetKeys`]: { kind: 'task', purpose: 'Lists KV keys (by prefix).' },
  [`${P}kv.Delete`]: { kind: 'task', purpose: 'Deletes a KV key.' },
  [`${P}kv.PurgeKV`]: { kind: 'task', purpose: 'Deletes expired or matching KV entries.' },
  [`${P}namespace.UploadFiles`]: { kind: 'task', purpose: 'Uploads files to the namespace file store.', security: 'Namespace files are code other flows run (`namespaceFiles`, `read()`): uploading them is deploying code.' },
  [`${P}namespace.DownloadFiles`]: { kind: 'task', purpose: 'Downloads namespace files into outputs.' },
  [`${P}namespace.DeleteFiles`]: { kind: 'task', purpose: 'Deletes namespace files.' },
  [`${P}namespace.PurgeFiles`]: { kind: 'task', purpose: 'Purges namespace file versions.' },
  [`${P}runner.Process`]: { kind: 'runner', purpose: 'Task runner that runs a script task as a subprocess on the Kestra worker host.', security: 'No container isolation: commands run with the worker\'s user, files and network; injected input reaches the host.' },
  [`${P}state.Set`]: { kind: 'task', purpose: 'Deprecated (use the KV store): stores a state file.' },
  [`${P}state.Get`]: { kind: 'task', purpose: 'Deprecated (use the KV store): reads a state file.' },
  [`${P}state.Delete`]: { kind: 'task', purpose: 'Deprecated (use the KV store): deletes a state file.' },
  [`${P}storage.Concat`]: { kind: 'task', purpose: 'Concatenates files from internal storage.' },
  [`${P}storage.DeduplicateItems`]: { kind: 'task', purpose: 'Removes duplicate items from an ION file.' },
  [`${P}storage.Delete`]: { kind: 'task', purpose: 'Deletes a file from internal storage.' },
  [`${P}storage.FilterItems`]: { kind: 'task', purpose: 'Filters the items of an ION file with a Pebble expression.' },
  [`${P}storage.LocalFiles`]: { kind: 'task', purpose: 'Deprecated (use WorkingDirectory inputFiles/outputFiles): creates local files.' },
  [`${P}storage.Purge`]: { kind: 'task', purpose: 'Deprecated: purges storage files.' },
  [`${P}storage.PurgeCurrentExecutionFiles`]: { kind: 'task', purpose: 'Deletes the files of the current execution.' },
  [`${P}storage.PurgeExecution`]: { kind: 'task', purpose: 'Deprecated name of PurgeCurrentExecutionFiles.' },
  [`${P}storage.Reverse`]: { kind: 'task', purpose: 'Reverses the lines of a file.' },
  [`${P}storage.Size`]: { kind: 'task', purpose: 'Returns the size of a file.' },
  [`${P}storage.Split`]: { kind: 'task', purpose: 'Splits a file into several files.' },
  [`${P}storage.Write`]: { kind: 'task', purpose: 'Writes `content` to a file in internal storage.' },
  [`${P}templating.TemplatedTask`]: { kind: 'task', purpose: 'Renders a task definition from a Pebble `spec` and runs it.', security: 'The task to run is built from templated text: untrusted data in `spec` chooses what runs.' },
  [`${P}trigger.Schedule`]: { kind: 'trigger', purpose: 'Starts executions on a `cron` schedule (`trigger.date` holds the scheduled date).' },
  [`${P}trigger.ScheduleOnDates`]: { kind: 'trigger', purpose: 'Starts executions on a list of `dates`.' },
  [`${P}trigger.Flow`]: { kind: 'trigger', purpose: 'Starts an execution when other executions end, filtered by `conditions` / `preconditions`.', security: 'Without conditions it fires for every execution of every flow of the instance; `trigger.outputs` come from the other flow.' },
  [`${P}trigger.Webhook`]: { kind: 'trigger', purpose: 'Starts an execution on an HTTP call to `/api/v1/executions/webhook/<namespace>/<flowId>/<key>`.', security: 'The `key` is the only protection of the URL and must be treated as a secret; `trigger.body`, `trigger.headers` and `trigger.parameters` are attacker-controlled.' },
  [`${P}trigger.Toggle`]: { kind: 'task', purpose: 'Enables or disables a trigger of a flow.' },
};

/**
 * Further classes under io.kestra.plugin.core in recent Kestra sources (newer or internal), known so a
 * flow using them is not told its type is misspelt.
 */
export const OTHER_CORE_TYPES: ReadonlySet<string> = new Set(
  ['debug.Wait', 'flow.Wait', 'flow.Version', 'kv.Put', 'kv.Version', 'namespace.Version', 'storage.PurgeStorage', 'storage.PurgeInternalStorage', 'trigger.BatchWebhook', 'trigger.McpToolTrigger'].map((n) => `${P}${n}`),
);

/**
 * Deprecated names Kestra still accepts, mapped to the current type. Kestra resolves them to the same
 * class, so renaming never changes behaviour. Keys are lower-cased (Kestra matches them that way).
 */
const ALIAS_LIST: [string, string][] = [
  ...['AllowFailure', 'Dag', 'EachParallel', 'EachSequential', 'ForEachItem', 'If', 'Parallel', 'Pause', 'Sequential', 'Switch', 'Template', 'WaitFor', 'WorkingDirectory', 'Subflow'].map((n): [string, string] => [`io.kestra.core.tasks.flows.${n}`, `${P}flow.${n}`]),
  ['io.kestra.core.tasks.flows.Worker', `${P}flow.WorkingDirectory`],
  ['io.kestra.core.tasks.log.Log', `${P}log.Log`],
  ['io.kestra.core.tasks.log.Fetch', `${P}log.Fetch`],
  ['io.kestra.core.tasks.log.PurgeLogs', `${P}log.PurgeLogs`],
  ['io.kestra.core.tasks.debugs.Return', `${P}debug.Return`],
  ['io.kestra.core.tasks.debugs.Echo', `${P}debug.Echo`],
  ['io.kestra.core.tasks.executions.Fail', `${P}execution.Fail`],
  ['io.kestra.core.tasks.executions.Labels', `${P}execution.Labels`],
  ['io.kestra.core.tasks.executions.Counts', `${P}execution.Count`],
  ['io.kestra.core.tasks.executions.PurgeExecutions', `${P}execution.PurgeExecutions`],
  ['io.kestra.core.tasks.executions.Resume', `${P}execution.Resume`],
  ['io.kestra.core.tasks.outputs.OutputValues', `${P}output.OutputValues`],
  ...['Get', 'Set', 'Delete'].map((n): [string, string] => [`io.kestra.core.tasks.states.${n}`, `${P}state.${n}`]),
  ...['Concat', 'DeduplicateItems', 'Delete', 'FilterItems', 'LocalFiles', 'Purge', 'PurgeExecution', 'Reverse', 'Size', 'Split'].map((n): [string, string] => [`io.kestra.core.tasks.storages.${n}`, `${P}storage.${n}`]),
  ['io.kestra.core.tasks.templating.TemplatedTask', `${P}templating.TemplatedTask`],
  ['io.kestra.core.tasks.trigger.Toggle', `${P}trigger.Toggle`],
  ...['Flow', 'Schedule', 'ScheduleOnDates', 'Webhook'].map((n): [string, string] => [`io.kestra.core.models.triggers.types.${n}`, `${P}trigger.${n}`]),
  ...['Download', 'Request', 'Trigger'].map((n): [string, string] => [`io.kestra.plugin.fs.http.${n}`, `${P}http.${n}`]),
  ...[
    ['DateTimeBetweenCondition', 'DateTimeBetween'],
    ['DayWeekCondition', 'DayWeek'],
    ['DayWeekInMonthCondition', 'DayWeekInMonth'],
    ['ExecutionFlowCondition', 'ExecutionFlow'],
    ['ExecutionLabelsCondition', 'ExecutionLabels'],
    ['ExecutionNamespaceCondition', 'ExecutionNamespace'],
    ['ExecutionOutputsCondition', 'ExecutionOutputs'],
    ['ExecutionStatusCondition', 'ExecutionStatus'],
    ['ExpressionCondition', 'Expression'],
    ['VariableCondition', 'Expression'],
    ['FlowCondition', 'FlowCondition'],
    ['FlowNamespaceCondition', 'FlowNamespaceCondition'],
    ['HasRetryAttemptCondition', 'HasRetryAttempt'],
    ['MultipleCondition', 'MultipleCondition'],
    ['NotCondition', 'Not'],
    ['OrCondition', 'Or'],
    ['PublicHolidayCondition', 'PublicHoliday'],
    ['TimeBetweenCondition', 'TimeBetween'],
    ['WeekendCondition', 'Weekend'],
  ].flatMap(([old, cur]): [string, string][] => [
    [`io.kestra.core.models.conditions.types.${old}`, `${P}condition.${cur}`],
    ...(old !== cur ? [[`${P}condition.${old}`, `${P}condition.${cur}`] as [string, string]] : []),
  ]),
];

/** `[deprecated name, current name]`, deprecated names in their documented spelling. */
export const ALIASES: readonly (readonly [string, string])[] = ALIAS_LIST;
export const DEPRECATED_ALIASES: ReadonlyMap<string, string> = new Map(ALIAS_LIST.map(([a, c]) => [a.toLowerCase(), c]));

/**
 * Pre-0.17 script tasks that were removed rather than aliased: the replacement takes different
 * properties, so there is no automatic rename.
 */
export const REMOVED_TYPES: Record<string, string> = {
  'io.kestra.core.tasks.scripts.bash': 'io.kestra.plugin.scripts.shell.Commands',
  'io.kestra.core.tasks.scripts.python': 'io.kestra.plugin.scripts.python.Script (or python.Commands)',
  'io.kestra.core.tasks.scripts.node': 'io.kestra.plugin.scripts.node.Script (or node.Commands)',
  'io.kestra.core.tasks.flows.flow': 'io.kestra.plugin.core.flow.Subflow',
};

/** The current name of a type (aliases resolved), or the type itself. */
export function canonicalType(type: string): string {
  return DEPRECATED_ALIASES.get(type.toLowerCase()) ?? type;
}

export function coreType(type: string): CoreType | undefined {
  return CORE_TYPES[canonicalType(type)];
}

/** Types whose `script` / `commands` / `beforeCommands` run code. */
export const SCRIPT_TYPE = /^io\.kestra\.(plugin\.scripts\.|core\.tasks\.scripts\.|plugin\.docker\.Run$|plugin\.[\w.]+\.cli\.|plugin\.(ansible|terraform|dbt|sqlmesh|modal|singer|meltano|fly|kubernetes|git|cloudquery)\.)/;
