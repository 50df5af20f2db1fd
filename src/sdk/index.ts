/**
 * The package's JavaScript entry (`import { createMirror } from 'activemirror'`): the same core
 * the app, the browser host and `amos` build, compiled to out/cli/sdk.mjs by scripts/build-cli.mjs.
 * No Electron code is reachable from here.
 */
export { createMirror } from '../main/mirror'
export type { CreateMirrorOptions, Mirror, StorageKind } from '../main/mirrorApi'
export { ERROR_CODES, MirrorError } from '../shared/errors'
export type { ErrorCode, ErrorInfo } from '../shared/errors'
export type { Message, Session } from '../shared/domain'
