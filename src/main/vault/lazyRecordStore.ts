import type { VaultRecordStore } from './recordStore'

/**
 * Opens the real store on first write, or on a read once the file exists. Every host builds a
 * vault, but most commands never use it: starting the app or `amos sessions list` must not create
 * `vault.db`. While there is no file, reads answer as an empty, uninitialized vault would.
 */
export function lazyRecordStore(
  open: () => VaultRecordStore,
  fileExists: () => boolean,
): VaultRecordStore {
  let store: VaultRecordStore | null = null
  // async, so a failure to open arrives as a rejection like any other store error.
  const write = async (): Promise<VaultRecordStore> => (store ??= open())
  const read = async <T>(op: (s: VaultRecordStore) => Promise<T>, empty: T): Promise<T> =>
    store || fileExists() ? op(await write()) : empty
  return {
    readMeta: () => read((s) => s.readMeta(), null),
    create: (meta, records) => write().then((s) => s.create(meta, records)),
    replaceKey: (vaultId, kdf, wrappedKey) =>
      write().then((s) => s.replaceKey(vaultId, kdf, wrappedKey)),
    readRemembered: () => read((s) => s.readRemembered(), false),
    writeRemembered: (on) => write().then((s) => s.writeRemembered(on)),
    readLockout: () => read((s) => s.readLockout(), { failures: 0, retryAt: 0 }),
    writeLockout: (state) => write().then((s) => s.writeLockout(state)),
    getRecord: (id) => read((s) => s.getRecord(id), null),
    getRecordWithToken: (id) => read((s) => s.getRecordWithToken(id), { record: null, token: 0 }),
    listRecords: (kind) => read((s) => s.listRecords(kind), []),
    countRecords: (kind) => read((s) => s.countRecords(kind), 0),
    putRecords: (records) => write().then((s) => s.putRecords(records)),
    deleteRecords: (ids) => read((s) => s.deleteRecords(ids), 0),
    quarantineRecords: (items, at) => read((s) => s.quarantineRecords(items, at), 0),
    snapshot: () => read((s) => s.snapshot(), null),
    changeToken: () => read((s) => s.changeToken(), 0),
    close: async () => {
      const opened = store
      store = null
      await opened?.close()
    },
  }
}
