import type { Message, Session } from '../../shared/domain'
import type { Storage } from './storage'

/** What one successful write touched: sessions, or the folder list. */
export interface LocalWrite {
  sessionIds: string[]
  folders: boolean
}

export type LocalWriteListener = (write: LocalWrite) => void

/** Sessions and folders this process wrote, for the windows that did not make the change. */
export interface LocalWrites {
  on(listener: LocalWriteListener): () => void
  note(write: LocalWrite): void
}

export function createLocalWrites(): LocalWrites {
  const listeners = new Set<LocalWriteListener>()
  return {
    on(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    note(write) {
      for (const listener of [...listeners]) listener(write)
    },
  }
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
      touched: (args: A, result: R) => string[] | 'folders',
    ) =>
    async (...args: A): Promise<R> => {
      const result = await write(...args)
      const what = touched(args, result)
      writes.note(
        what === 'folders'
          ? { sessionIds: [], folders: true }
          : { sessionIds: what, folders: false },
      )
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
    // Deleting a folder also unfiles its sessions: reading the folders again reads the list too.
    createFolder: after(bound('createFolder'), () => 'folders'),
    renameFolder: after(bound('renameFolder'), () => 'folders'),
    deleteFolder: after(bound('deleteFolder'), () => 'folders'),
  }
  // Optional in Storage: present here only when the wrapped store has it.
  const importSessions = storage.importSessions
    ? after(storage.importSessions.bind(storage), ([batch], results) =>
        batch.filter((_item, i) => results[i] === null).map((item) => item.session.id),
      )
    : undefined
  return new Proxy(storage, {
    get(target, key, receiver) {
      if (key === 'importSessions') return importSessions
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(noted, key)) {
        return noted[key as keyof Writes]
      }
      const value: unknown = Reflect.get(target, key, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
