import type { Mirror } from '../main/mirrorApi'
import { PATTERNS, UNCERTAINTY_LEVELS } from '../shared/domain'
import { MirrorError } from '../shared/errors'
import { checkFile, checkImportFiles, checkListener, checkPaths, checkText } from './inputChecks'
import { sendThrough } from './send'
import { attachmentsApi } from './sdkAttachments'
import type { ActiveMirror, MirrorChange, MirrorEvents } from './types'

type Listener<E extends keyof MirrorEvents> = (payload: MirrorEvents[E]) => void

/** Sessions this mirror wrote, and those another process wrote, as one `change` event. */
function onChange(core: Mirror, listener: (change: MirrorChange) => void): () => void {
  const stopLocal = core.localWrites.on((write) =>
    listener({ origin: 'local', sessionIds: write.sessionIds, all: false, folders: write.folders }),
  )
  const stopOther = core.changes.on((change) =>
    listener({
      origin: 'other',
      sessionIds: change.sessionIds,
      all: change.all,
      folders: change.all || change.folders === true,
    }),
  )
  return () => {
    stopLocal()
    stopOther()
  }
}

/**
 * The SDK's view of the core: the calls a program needs, with the app's semantics, and nothing
 * of the hosts' plumbing (uploads, drag files, temporary-chat routing, IPC events).
 */
export function sdkFacade(core: Mirror): ActiveMirror {
  const { sessions, providerSettings: providers, vault, continuity, transfer } = core
  return {
    dataDir: core.dataDir,
    storageKind: core.storageKind,
    sessions: {
      create: (input) => sessions.create(input),
      list: (options) => sessions.list(options),
      get: (id) => sessions.get(id),
      messages: (id, options) => sessions.messages(id, options),
      rename: (id, title) => sessions.rename(id, title),
      archive: (id) => sessions.archive(id),
      unarchive: (id) => sessions.unarchive(id),
      delete: (id) => sessions.delete(id),
      search: (query, options) => sessions.search(query, options),
      setPreferences: (id, preferences) => sessions.setPreferences(id, preferences),
    },
    send: (input) => sendThrough(core, input),
    reflection: {
      patterns: PATTERNS,
      uncertaintyLevels: UNCERTAINTY_LEVELS,
      systemPrompt: (pattern, uncertainty) => core.reflective.systemPrompt(pattern, uncertainty),
      analyze: (text) => core.reflective.analyze(checkText(text)),
    },
    providers: {
      list: () => providers.list(),
      add: (draft) => providers.add(draft),
      update: (id, patch) => providers.update(id, patch),
      remove: (id) => providers.remove(id),
      setKey: (id, key) => providers.setKey(id, key),
      clearKey: (id) => providers.clearKey(id),
      use: (id) => providers.setDefault(id),
      models: (id) => providers.models(id),
      test: (id) => providers.test(id),
    },
    vault: {
      get unlocked() {
        return vault.unlocked
      },
      status: () => vault.status(),
      init: (password) => vault.init(password),
      unlock: async (password, options) => {
        const status = await vault.unlock(password)
        return options?.remember ? vault.remember(true) : status
      },
      unlockWithKeychain: () => vault.unlockWithKeychain(),
      lock: () => vault.lock('manual'),
      changePassword: (oldPassword, newPassword) => vault.changePassword(oldPassword, newPassword),
      entries: {
        set: (key, value, options) => vault.set(key, value, options),
        get: (key) => vault.get(key),
        list: (filter) => vault.list(filter),
        delete: (key) => vault.delete(key),
        search: (query) => vault.search(query),
      },
      stats: () => vault.stats(),
    },
    continuity: {
      identity: () => continuity.identity(),
      renameIdentity: (displayName) => continuity.renameIdentity(displayName),
      log: (options) => continuity.log.list(options),
      verify: () => continuity.log.verify(),
      memorySettings: (sessionId) => continuity.memorySettings(sessionId),
      setMemorySettings: (sessionId, patch) => continuity.setMemorySettings(sessionId, patch),
    },
    transfer: {
      importPaths: async (paths) => transfer.importPaths(checkPaths(paths)),
      importFiles: async (files) => transfer.importFiles(checkImportFiles(files)),
      exportSession: (id, format, options) => transfer.exportSession(id, format, options),
      exportAll: () => transfer.exportAll(),
      writeAllZip: async (file) => transfer.writeAllZip(checkFile(file)),
      writeSessionZip: async (id, format, file, options) =>
        transfer.writeSessionZip(id, format, checkFile(file), options),
    },
    attachments: attachmentsApi(core),
    on<E extends keyof MirrorEvents>(event: E, listener: Listener<E>): () => void {
      checkListener(listener)
      if (event === 'change') return onChange(core, listener as Listener<'change'>)
      if (event === 'vaultLocked') return vault.on('locked', listener as Listener<'vaultLocked'>)
      throw new MirrorError(
        'VALIDATION_FAILED',
        `Unknown event "${String(event)}": use change or vaultLocked.`,
      )
    },
    close: () => core.close(),
  }
}
