// The least-privilege solver on each family it understands: knowledge-base actions with input
// conditions, gh subcommands, gh api, curl, git push, ghcr.io, npm/GPR, OIDC, github-script, local
// composite actions, reusable workflows, and the unknown case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow } from '../../server/src/engine/model/github.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';
import { analyseWorkflow } from '../../server/src/engine/permissions/solver.js';
import { KNOWN_ACTIONS } from '../../server/src/engine/permissions/knowledge.js';
import { SCOPES } from '../../server/src/engine/permissions/scopes.js';

function solve(text: string, files: Record<string, string> = {}, defaultPermissions: 'unknown' | 'restricted' | 'permissive' = 'unknown') {
  const wf = buildWorkflow(parseYaml(text).documents[0])!;
  return analyseWorkflow(wf, text, { settings: { defaultPermissions, workspace: { readFile: (p) => files[p] } } });
}
const steps = (s: string, on = 'push') => `on: ${on}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n${s}`;
/** The job's minimal block as `scope: level` strings, and its status. */
function block(text: string, files?: Record<string, string>) {
  const j = solve(text, files).jobs[0];
  return { status: j.status, block: [...j.minimal].map(([s, c]) => `${s}: ${c.level}`), unknown: j.unknown.map((u) => u.why) };
}

describe('permission model', () => {
  it('knows all 20 scopes with legal levels', () => {
    assert.equal(SCOPES.length, 20);
    assert.deepEqual(SCOPES.find((s) => s.scope === 'id-token')!.levels, ['write']);
    assert.deepEqual(SCOPES.find((s) => s.scope === 'models')!.levels, ['read']);
  });
  it('has at least 75 actions in the knowledge base', () => assert.ok(KNOWN_ACTIONS.length >= 75, String(KNOWN_ACTIONS.length)));
});

describe('actions from the knowledge base', () => {
  it('checkout + release', () => assert.deepEqual(block(steps('      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n')).block, ['contents: write']));
  it('token set to a PAT: the GITHUB_TOKEN is not used', () => assert.deepEqual(block(steps('      - uses: softprops/action-gh-release@v2\n        with:\n          token: ${{ secrets.PAT }}\n')).block, []));
  it('input condition adds a scope (comment: true)', () => assert.deepEqual(block(steps('      - uses: mikepenz/action-junit-report@v5\n        with:\n          comment: true\n')).block, ['checks: write', 'pull-requests: write']));
  it('input condition removes a scope (static AWS keys)', () => assert.deepEqual(block(steps('      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.K }}\n')).block, []));
  it('event condition (paths-filter on pull_request)', () => assert.deepEqual(block(steps('      - uses: dorny/paths-filter@v3\n', 'pull_request')).block, ['pull-requests: read']));
  it('pages deploy', () => assert.deepEqual(block(steps('      - uses: actions/deploy-pages@v4\n')).block, ['id-token: write', 'pages: write']));
  it('codeql', () => assert.deepEqual(block(steps('      - uses: github/codeql-action/init@v3\n      - uses: github/codeql-action/analyze@v3\n')).block, ['actions: read', 'contents: read', 'security-events: write']));
  it('ghcr.io login and push', () => assert.deepEqual(block(steps('      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/o/r:latest\n')).block, ['contents: read', 'packages: write']));
  it('an action outside the knowledge base makes the job unknown', () => {
    const r = block(steps('      - uses: some-org/unknown@v1\n'));
    assert.equal(r.status, 'unknown');
    assert.match(r.unknown[0], /not in FlowGuard's knowledge base/);
  });
});

describe('run steps', () => {
  const gh = (cmd: string) => block(steps(`      - run: ${cmd}\n        env:\n          GH_TOKEN: \${{ github.token }}\n`));
  it('gh release create', () => assert.deepEqual(gh('gh release create v1').block, ['contents: write']));
  it('gh pr merge', () => assert.deepEqual(gh('gh pr merge --auto --squash "$PR"').block, ['contents: write', 'pull-requests: write']));
  it('gh issue comment', () => assert.deepEqual(gh('gh issue comment 1 --body x').block, ['issues: write']));
  it('gh run cancel', () => assert.deepEqual(gh('gh run cancel 1').block, ['actions: write']));
  it('gh workflow run', () => assert.deepEqual(gh('gh workflow run ci.yml').block, ['actions: write']));
  it('gh api with method and path', () => assert.deepEqual(gh('gh api -X POST repos/{owner}/{repo}/statuses/abc -f state=success').block, ['statuses: write']));
  it('gh api GET defaults to read', () => assert.deepEqual(gh('gh api repos/$GITHUB_REPOSITORY/pulls/1/files').block, ['pull-requests: read']));
  it('gh api with fields defaults to POST', () => assert.deepEqual(gh('gh api repos/o/r/issues/1/labels -f "labels[]=x"').block, ['issues: write']));
  it('gh api graphql is unknown', () => assert.equal(gh('gh api graphql -f query="mutation { x }"').status, 'unknown'));
  it('gh without a token needs nothing', () => assert.deepEqual(block(steps('      - run: gh release create v1\n')).block, []));
  it('curl to the REST API with the token', () => assert.deepEqual(block(steps('      - run: |\n          curl -X POST -H "Authorization: Bearer ${{ secrets.GITHUB_TOKEN }}" https://api.github.com/repos/${{ github.repository }}/dispatches -d \'{}\'\n')).block, ['contents: write']));
  it('git push with persisted checkout credentials', () => assert.deepEqual(block(steps('      - uses: actions/checkout@v4\n      - run: |\n          git commit -am x\n          git push\n')).block, ['contents: write']));
  it('git push after persist-credentials: false needs nothing more', () => assert.deepEqual(block(steps('      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: git push\n')).block, ['contents: read']));
  it('git push with a PAT checkout needs nothing', () => assert.deepEqual(block(steps('      - uses: actions/checkout@v4\n        with:\n          token: ${{ secrets.PAT }}\n      - run: git push --tags\n')).block, []));
  it('docker push to ghcr.io after a token login', () => assert.deepEqual(block(steps('      - run: |\n          echo "${{ secrets.GITHUB_TOKEN }}" | docker login ghcr.io -u x --password-stdin\n          docker push ghcr.io/o/r:1\n')).block, ['packages: write']));
  it('npm publish to GitHub Packages', () => assert.deepEqual(block(steps('      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n')).block, ['packages: write']));
  it('npm publish --provenance needs OIDC', () => assert.deepEqual(block(steps('      - run: npm publish --provenance\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n')).block, ['id-token: write']));
  it('OIDC token request', () => assert.deepEqual(block(steps('      - run: |\n          curl -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=x"\n')).block, ['id-token: write']));
  it('a script that receives the token is unknown', () => {
    const r = block(steps('      - run: ./release.sh\n        env:\n          GITHUB_TOKEN: ${{ github.token }}\n'));
    assert.equal(r.status, 'unknown');
    assert.match(r.unknown[0], /release\.sh/);
  });
  it('inert commands with the token in the environment stay known', () => assert.equal(block(steps('      - run: |\n          echo hi\n          cargo test\n        env:\n          GITHUB_TOKEN: ${{ github.token }}\n')).status, 'known'));
  it('token exported through GITHUB_ENV reaches later gh calls', () => assert.deepEqual(block(steps('      - run: echo "GH_TOKEN=${{ github.token }}" >> "$GITHUB_ENV"\n      - run: gh pr edit 1 --add-reviewer x\n')).block, ['pull-requests: write']));  it('a token exported through GITHUB_ENV reaches later steps, not the rest of its own step', () => {
    const r = block(steps('      - run: |\n          echo "GH_TOKEN=${{ github.token }}" >> $GITHUB_ENV\n          some-tool --go\n      - run: other-tool\n'));
    assert.deepEqual(r.unknown, ['`other-tool` runs with GITHUB_TOKEN in its environment (GH_TOKEN) and FlowGuard cannot tell what it does with it']);
  });
});

describe('actions/github-script', () => {
  const script = (body: string, on = 'push') => block(steps(`      - uses: actions/github-script@v7\n        with:\n          script: |\n${body.split('\n').map((l) => '            ' + l).join('\n')}\n`, on));
  it('rest calls map through the endpoint table', () => assert.deepEqual(script('await github.rest.repos.createRelease({ ...context.repo, tag_name: "v1" })\nawait github.rest.pulls.get({ ...context.repo, pull_number: 1 })').block, ['contents: write', 'pull-requests: read']));
  it('issue comment on a pull_request event uses pull-requests', () => assert.deepEqual(script('await github.rest.issues.createComment({ ...context.repo, issue_number: 1, body: "x" })', 'pull_request').block, ['pull-requests: write']));
  it('issue comment elsewhere uses issues', () => assert.deepEqual(script('await github.rest.issues.createComment({ ...context.repo, issue_number: 1, body: "x" })', 'issues').block, ['issues: write']));
  it('github.request with a literal route', () => assert.deepEqual(script("await github.request('POST /repos/{owner}/{repo}/check-runs', { name: 'x' })").block, ['checks: write']));
  it('paginate over a rest method', () => assert.deepEqual(script('await github.paginate(github.rest.actions.listWorkflowRunArtifacts, { ...context.repo, run_id: 1 })').block, ['actions: read']));
  it('a required script file is unknown', () => assert.equal(script("const f = require('./.github/scripts/x.js'); await f({ github, context })").status, 'unknown'));
  it('graphql is unknown', () => assert.equal(script('await github.graphql(`query { viewer { login } }`)').status, 'unknown'));
  it('a script with no API call needs nothing', () => assert.deepEqual(script('core.setOutput("x", context.payload.ref)').block, []));
  it('with a PAT the GITHUB_TOKEN is not used', () => assert.deepEqual(block(steps('      - uses: actions/github-script@v7\n        with:\n          github-token: ${{ secrets.PAT }}\n          script: await github.rest.repos.createRelease({})\n')).block, []));
});

describe('local actions and reusable workflows', () => {
  const composite = 'name: x\ndescription: x\ninputs:\n  token:\n    default: ${{ github.token }}\nruns:\n  using: composite\n  steps:\n    - run: gh release upload v1 a.tgz\n      shell: bash\n      env:\n        GH_TOKEN: ${{ inputs.token }}\n';
  it('composite action steps are analysed with their inputs', () => assert.deepEqual(block(steps('      - uses: ./.github/actions/upload\n'), { '.github/actions/upload/action.yml': composite }).block, ['contents: write']));
  it('composite action given a PAT needs nothing', () => assert.deepEqual(block(steps('      - uses: ./.github/actions/upload\n        with:\n          token: ${{ secrets.PAT }}\n'), { '.github/actions/upload/action.yml': composite }).block, []));
  it('unreadable local action is unknown', () => assert.equal(block(steps('      - uses: ./.github/actions/missing\n')).status, 'unknown'));
  const callee = 'on: workflow_call\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr comment 1 --body x\n        env:\n          GH_TOKEN: ${{ github.token }}\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      checks: write\n    steps:\n      - run: make\n';
  const caller = 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n';
  it('a local reusable workflow: the caller needs the callee jobs\' needs and requested blocks', () => assert.deepEqual(block(caller, { '.github/workflows/reusable.yml': callee }).block, ['checks: write', 'pull-requests: write']));
  it('a known remote reusable workflow', () => assert.deepEqual(block('on: push\njobs:\n  prov:\n    uses: slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0\n').block, ['actions: read', 'contents: write', 'id-token: write']));
  it('an unknown remote reusable workflow is unknown', () => assert.equal(block('on: push\njobs:\n  c:\n    uses: o/r/.github/workflows/x.yml@v1\n').status, 'unknown'));
});

describe('grants', () => {
  it('job blocks replace the workflow block; unnamed scopes become none', () => {
    const r = solve('on: push\npermissions:\n  contents: write\n  issues: write\njobs:\n  a:\n    runs-on: x\n    permissions:\n      pull-requests: read\n    steps: [{run: make}]\n  b:\n    runs-on: x\n    steps: [{run: make}]\n');
    assert.equal(r.jobs[0].grant.upper.contents, 'none');
    assert.equal(r.jobs[0].grant.upper['pull-requests'], 'read');
    assert.equal(r.jobs[1].grant.upper.contents, 'write');
  });
  it('write-all includes id-token; read-all does not mint tokens', () => {
    const r = solve('on: push\njobs:\n  a:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: make}]\n  b:\n    runs-on: x\n    permissions: read-all\n    steps: [{run: make}]\n');
    assert.equal(r.jobs[0].grant.upper['id-token'], 'write');
    assert.equal(r.jobs[1].grant.upper['id-token'], 'none');
  });
  it('unknown repository default: upper bound permissive, lower bound restricted', () => {
    const g = solve('on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: make}]\n').jobs[0].grant;
    assert.equal(g.upper.contents, 'write');
    assert.equal(g.lower.contents, 'read');
    assert.equal(g.lower.issues, 'none');
  });
});

describe('fixes', () => {
  const fixOf = async (text: string) => {
    const { workflowFix } = await import('../../server/src/engine/permissions/fix.js');
    const { applyEdits } = await import('../../server/src/engine/index.js');
    const fix = workflowFix(solve(text), text)!;
    return { fix, out: applyEdits(text, fix.edits) };
  };
  it('the whole-workflow fix keeps what an unanalysed step may use, and is then unsafe', async () => {
    const text = 'on: push\npermissions:\n  contents: read\n  issues: write\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: some-org/unknown@v1\n      - uses: actions/checkout@v4\n';
    const { fix, out } = await fixOf(text);
    assert.equal(fix.safe, false);
    assert.match(fix.title, /jobs 'a' could not be fully analysed/);
    assert.equal(out, "on: push\npermissions: {}\njobs:\n  a:\n    permissions:\n      contents: read # actions/checkout to clone the repository\n      issues: write # kept (granted today; 'some-org/unknown@v1' could not be analysed)\n    runs-on: x\n    steps:\n      - uses: some-org/unknown@v1\n      - uses: actions/checkout@v4\n");
  });
  it('a job block that is already exactly right is left alone (comments kept)', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read # my reason\n    steps:\n      - uses: actions/checkout@v4\n';
    const { fix, out } = await fixOf(text);
    assert.equal(fix.safe, true);
    assert.equal(out, 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read # my reason\n    steps:\n      - uses: actions/checkout@v4\n');
  });
  it('flow-style and scalar blocks are replaced up to the end of their line', async () => {
    const text = 'on: push\njobs:\n  a:\n    permissions: { contents: write, issues: write } # old\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n';
    const { out } = await fixOf(text);
    assert.equal(out, 'on: push\npermissions: {}\njobs:\n  a:\n    permissions:\n      contents: read # actions/checkout to clone the repository\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n');
  });
});

describe('run steps: opaque scripts', () => {
  it('a script under .github/ with the token in the workflow env is unknown', () => {
    const text = 'on: push\nenv:\n  GH_TOKEN: ${{ github.token }}\njobs:\n  j:\n    runs-on: x\n    permissions:\n      issues: write\n    steps:\n      - run: ./.github/workflows/scripts/report.sh\n';
    const j = solve(text).jobs[0];
    assert.equal(j.status, 'unknown');
    assert.match(j.unknown[0].why, /report\.sh/);
  });
});
