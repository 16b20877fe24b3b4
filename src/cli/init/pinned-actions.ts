/**
 * Third-party actions the workflow templates use, pinned to full commit SHAs (a tag can be
 * moved; a SHA cannot). The comment keeps the human version next to it, as Dependabot expects.
 */
export const pinnedActions = {
  checkout: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
  uploadArtifact: 'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0',
  downloadArtifact: 'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1',
} as const;

/** Where the opsgate actions live and which version the templates use (`opsgate init --action-ref`). */
export const OPSGATE_ACTIONS_REPO = 'opsgate/opsgate';
export const OPSGATE_DEFAULT_REF = 'v0.1.0';
