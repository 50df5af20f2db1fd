/**
 * The package's JavaScript entry (`import { createMirror } from 'activemirror'`, docs/sdk.md):
 * the same core the app, the browser host and `amos` build, compiled to out/cli/sdk.mjs by
 * scripts/build-cli.mjs, behind a facade of its own (./types.ts). No Electron code is reachable
 * from here.
 */
export { createMirror } from './createMirror'
export { openStorage } from './openStorage'
export type * from './types'

export { ERROR_CODES, MirrorError, isMirrorError } from '../shared/errors'
export type { ErrorCode, ErrorInfo } from '../shared/errors'
export { PATTERNS, SNIPPET_CLOSE, SNIPPET_OPEN, UNCERTAINTY_LEVELS } from '../shared/domain'
export type {
  Folder,
  Message,
  MessagePage,
  MessageStatus,
  Pattern,
  Reflection,
  Role,
  SearchHit,
  Session,
  SessionPage,
  UncertaintyLevel,
} from '../shared/domain'
export type { Identity, MemorySettings, VerifyResult } from '../shared/continuity'
export type { ProviderDraft, ProviderInfo, ProviderList } from '../shared/routeGroups/providers'
export type { ExportFile, SessionPreferences } from '../shared/routeGroups/sessions'
export type { ExportArchive, ImportReport } from '../shared/routeGroups/transfer'
export type { VaultCategory, VaultEntry, VaultStats, VaultStatus } from '../shared/vault'
export type { AttachmentRef } from '../shared/attachments'

// For authors of custom backends (docs/sdk.md "Custom storage"); the conformance suite that
// proves one is `activemirror/testing`.
export type {
  IdKind,
  ListMessagesOptions,
  ListSessionsOptions,
  ListTreeOptions,
  RemovedBranch,
  SearchOptions,
  SessionImport,
  SessionImportResult,
  SessionPatch,
  Storage,
  StorageBackendKind,
  StorageChange,
  StorageChangeListener,
  StorageKind,
  StorageProblem,
  StorageSearchHit,
  TreePage,
} from '../main/storage/storage'
