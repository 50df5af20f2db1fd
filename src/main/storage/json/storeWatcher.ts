import { watch } from 'node:fs'
import type { FSWatcher } from 'node:fs'
import { INDEX_FILE } from './sdkFormat'

export interface Changes {
  index: boolean
  /** Watching is not possible here: every session must be checked. */
  all: boolean
  sessions: string[]
}

/**
 * Notes which files in the store folder changed, so listing and search re-check only those
 * sessions (by their stamp) instead of every file on every call. Where the platform cannot watch
 * the folder, every session is checked each time.
 */
export class StoreWatcher {
  private watcher: FSWatcher | null = null
  private index = false
  private all = false
  private readonly sessions = new Set<string>()
  private onNote: (() => void) | null = null

  constructor(dir: string) {
    try {
      this.watcher = watch(dir, { persistent: false }, (_event, name) => this.note(name))
      this.watcher.on('error', () => this.giveUp())
    } catch {
      this.giveUp()
    }
  }

  private note(name: string | Buffer | null): void {
    if (name === null) {
      this.all = true
      this.onNote?.()
      return
    }
    const file = name.toString()
    if (file === INDEX_FILE) this.index = true
    else if (file.endsWith('.json') && !file.startsWith('.')) this.sessions.add(file.slice(0, -5))
    else return
    this.onNote?.()
  }

  /** Calls `callback` whenever a file of the store is noted as changed (null: stop calling). */
  notify(callback: (() => void) | null): void {
    this.onNote = callback
  }

  /** False where the platform cannot watch the folder (no live change reports then). */
  get watching(): boolean {
    return this.watcher !== null
  }

  private giveUp(): void {
    this.watcher?.close()
    this.watcher = null
    this.all = true
  }

  takeChanged(): Changes {
    const changes = { index: this.index || this.all, all: this.all, sessions: [...this.sessions] }
    this.index = false
    this.all = this.watcher === null
    this.sessions.clear()
    return changes
  }

  close(): void {
    this.watcher?.close()
    this.watcher = null
  }
}
