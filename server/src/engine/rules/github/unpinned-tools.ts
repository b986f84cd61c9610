import { stepsOf, withValue, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

/** Setup actions that download a tool, and the input that picks its version (absent = latest or a range). */
const TOOL_INPUTS: Record<string, { input: string; tool: string }> = {
  'aquasecurity/setup-trivy': { input: 'version', tool: 'Trivy' },
  'aquasecurity/trivy-action': { input: 'version', tool: 'Trivy' },
  '1password/load-secrets-action': { input: 'version', tool: 'the 1Password CLI' },
  'hashicorp/setup-terraform': { input: 'terraform_version', tool: 'Terraform' },
  'azure/setup-helm': { input: 'version', tool: 'Helm' },
  'azure/setup-kubectl': { input: 'version', tool: 'kubectl' },
  'goreleaser/goreleaser-action': { input: 'version', tool: 'GoReleaser' },
};

const FLOATING = /^(latest|stable|\*|~>?.*|\^.*|>=?.*|v?\d+(\.x)?|v?\d+\.\d+\.x)$/i;

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unpinned-tools',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Setup action downloads an unpinned tool version',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['unpinned-tools'] },
  },
  check(ctx) {
    for (const step of stepsOf(ctx.model)) {
      const u = step.uses;
      if (!u || u.ref.kind !== 'repository' || !u.ref.owner || !u.ref.repo) continue;
      const known = TOOL_INPUTS[`${u.ref.owner}/${u.ref.repo}`.toLowerCase()];
      if (!known) continue;
      const v = withValue(step, known.input, ctx.doc);
      if (!v) {
        ctx.report({ span: u.span, message: `No '${known.input}' input: the action downloads the newest ${known.tool} release at run time; pin an exact version (e.g. ${known.input}: 1.2.3)` });
      } else if (!v.value.includes('${{') && FLOATING.test(v.value.trim())) {
        ctx.report({ span: v.span, message: `'${v.value}' lets the action download whatever ${known.tool} release is newest at run time; pin an exact version` });
      }
    }
  },
});
