import type { Message, Session } from '../../shared/domain'
import type { Storage, StorageChange } from './storage'
import { MAX_CHANGED_IDS } from './changeFeed'

export type LocalWriteListener = (sessionIds: string[]) => void

/** Sessions this process wrote, for the windows that did not make the change themselves. */
export interface LocalWrites {
  on(listener: LocalWriteListener): () => void
  note(sessionIds: string[]): void
}

export function createLocalWrites(): LocalWrites {
  const listeners = new Set<LocalWriteListener>()
  return {
    on(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    note(sessionIds) {
      for (const listener of [...listeners]) listener(sessionIds)
    },
  }
}

/** Many sessions at once (a big import) become "re-read everything", as for other processes. */
export function localChange(sessionIds: Iterable<string>): StorageChange {
  const ids = [...new Set(sessionIds)]
  return ids.length > MAX_CHANGED_IDS
    ? { sessionIds: [], all: true }
    : { sessionIds: ids, all: false }
}

type Writes = Pick<
  Storage,
  | 'createSession'
  | 'updateSession'
  | 'deleteSession'
  | 'appendMessage'
  | 'updateMessage'
  | 'switchToMessage'
  | 'deleteMessage'
  | 'restoreMessages'
  | 'importSession'
  | 'createFolder'
  | 'renameFolder'
  | 'deleteFolder'
>

/**
 * A Storage that notes which session each successful write touched. The SQLite change log and
 * the JSON folder watcher report other processes' writes; this reports the ones made here, so a
 * second window or tab of the same app sees them too. A failed write notes nothing.
 */
export function withLocalWrites(storage: Storage, writes: Pick<LocalWrites, 'note'>): Storage {
  const after =
    <A extends unknown[], R>(
      write: (...args: A) => Promise<R>,
      touched: (args: A, result: R) => string[],
    ) =>
    async (...args: A): Promise<R> => {
      const result = await write(...args)
      writes.note(touched(args, result))
      return result
    }
  const bound = <K extends keyof Writes>(name: K): Writes[K] =>
    storage[name].bind(storage) as Writes[K]
  const noted: Writes = {
    createSession: after(bound('createSession'), ([session]: [Session]) => [session.id]),
    updateSession: after(bound('updateSession'), ([id]) => [id]),
    deleteSession: after(bound('deleteSession'), ([id]) => [id]),
    appendMessage: after(bound('appendMessage'), ([message]: [Message]) => [message.sessionId]),
    updateMessage: after(bound('updateMessage'), ([message]: [Message]) => [message.sessionId]),
    switchToMessage: after(bound('switchToMessage'), (_args, session) => [session.id]),
    deleteMessage: after(bound('deleteMessage'), (_args, removed) => [removed.sessionId]),
    restoreMessages: after(bound('restoreMessages'), ([sessionId]) => [sessionId]),
    importSession: after(bound('importSession'), ([session]) => [session.id]),
    // Folder writes touch no one session: an empty report still makes the other windows read
    // the folders again (docs/organising.md).
    createFolder: after(bound('createFolder'), () => []),
    renameFolder: after(bound('renameFolder'), () => []),
    deleteFolder: after(bound('deleteFolder'), () => []),
  }
  return new Proxy(storage, {
    get(target, key, receiver) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(noted, key)) {
        return noted[key as keyof Writes]
      }
      const value: unknown = Reflect.get(target, key, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
