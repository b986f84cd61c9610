// How mutable a version reference is: a commit SHA or image digest cannot move, a release tag can be
// moved by whoever controls the repository, a branch moves with every push.

export type RefKind = 'sha' | 'semver' | 'partial-semver' | 'tag' | 'branch' | 'latest' | 'dynamic' | 'none';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
const SEMVER = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;
const PARTIAL = /^v?\d+(\.\d+)?$/;
const BRANCHES = /^(main|master|develop|development|dev|trunk|HEAD|stable|next|release|latest-release)$|^(release|feature|hotfix|bugfix)\//i;

export function classifyRef(ref: string | undefined): RefKind {
  if (ref === undefined || ref === '') return 'none';
  if (ref.includes('$')) return 'dynamic';
  if (SHA.test(ref)) return 'sha';
  if (ref === '~latest') return 'latest';
  if (SEMVER.test(ref)) return 'semver';
  if (PARTIAL.test(ref)) return 'partial-semver';
  if (BRANCHES.test(ref)) return 'branch';
  // Anything with a digit that looks like a version is a tag; other words are most likely branches.
  return /\d/.test(ref) && /^[\w.+-]+$/.test(ref) ? 'tag' : 'branch';
}

export { parseImage, type ImageRef as ImageName } from '../images.js';
