import { openStorage } from 'activemirror'
import type { Storage } from 'activemirror'

/**
 * A custom backend: ActiveMirror's memory store underneath, and every successful write noted in
 * `audit` (where a real backend would send it to a server or a file). Any object with the
 * methods of `Storage` plugs in the same way: `createMirror({ dataDir, storage })`.
 */
export async function openAuditedStorage(audit: string[]): Promise<Storage> {
  const inner = await openStorage('memory')
  function noted<A extends unknown[], R>(name: string, write: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R> => {
      const result = await write(...args)
      audit.push(name)
      return result
    }
  }
  return {
    kind: 'custom',
    // Writes, noted once they succeeded.
    createSession: noted('createSession', inner.createSession.bind(inner)),
    updateSession: noted('updateSession', inner.updateSession.bind(inner)),
    deleteSession: noted('deleteSession', inner.deleteSession.bind(inner)),
    createFolder: noted('createFolder', inner.createFolder.bind(inner)),
    renameFolder: noted('renameFolder', inner.renameFolder.bind(inner)),
    deleteFolder: noted('deleteFolder', inner.deleteFolder.bind(inner)),
    appendMessage: noted('appendMessage', inner.appendMessage.bind(inner)),
    updateMessage: noted('updateMessage', inner.updateMessage.bind(inner)),
    switchToMessage: noted('switchToMessage', inner.switchToMessage.bind(inner)),
    deleteMessage: noted('deleteMessage', inner.deleteMessage.bind(inner)),
    restoreMessages: noted('restoreMessages', inner.restoreMessages.bind(inner)),
    importSession: noted('importSession', inner.importSession.bind(inner)),
    // Reads.
    getSession: inner.getSession.bind(inner),
    listSessions: inner.listSessions.bind(inner),
    hasSession: inner.hasSession.bind(inner),
    listFolders: inner.listFolders.bind(inner),
    getMessage: inner.getMessage.bind(inner),
    listMessages: inner.listMessages.bind(inner),
    listVersions: inner.listVersions.bind(inner),
    listPathTo: inner.listPathTo.bind(inner),
    listTree: inner.listTree.bind(inner),
    findIds: inner.findIds.bind(inner),
    search: inner.search.bind(inner),
    problems: inner.problems.bind(inner),
    close: inner.close.bind(inner),
  }
}
