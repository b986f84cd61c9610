// Container image references, shared by every platform's pinning rules.

export interface ImageRef {
  /** `[registry[:port]/]path` without tag or digest. */
  name: string;
  tag?: string;
  /** `sha256:<hex>` (whatever follows `@`). */
  digest?: string;
}

/** Splits `registry:5000/group/name:tag@sha256:...` (the registry's port colon is not a tag). */
export function parseImage(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}
