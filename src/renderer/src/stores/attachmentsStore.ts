import { create } from 'zustand'
import type { StagedAttachment } from '../../../shared/attachments'
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../shared/attachments'
import { request } from '../bridge/bridgeClient'
import { stageFile } from '../components/attachments/stageFile'
import { attachmentErrorText, tooManyText } from '../lib/attachmentErrors'
import { subscribe } from './storeEvents'

/** One file in the composer, from the moment it is added until it is sent or removed. */
export interface ComposerFile {
  key: number
  name: string
  size: number
  /** The file itself, for the chip's thumbnail (the renderer already holds it; never re-read). */
  file: File
  /** Bytes main has received so far. */
  received: number
  /** Set once main checked the file (attachments.finish). */
  staged: StagedAttachment | null
}

interface AttachmentsState {
  /** sessionId → files in the order they were added. */
  bySession: Record<string, ComposerFile[]>
  /** sessionId → why files were not attached (one line each), until the next add or send. */
  errors: Record<string, string[]>
  /** Stages each file at once; a refused one gets an error line and no chip. */
  add(sessionId: string, files: readonly File[]): Promise<void>
  /** "Remove attachment": the chip goes and main drops the staged bytes. */
  remove(sessionId: string, key: number): void
  /** The files went with a message: their chips go (main used the staged ids up). */
  sent(sessionId: string, keys: readonly number[]): void
  dismissErrors(sessionId: string): void
}

let nextKey = 1
/** Chips removed while their upload was still running: the upload stops and is discarded. */
const removed = new Set<number>()

/** Staged files of a session, ready to send (all uploads finished), in order. */
export function readyFiles(files: readonly ComposerFile[] | undefined): StagedAttachment[] {
  return (files ?? []).flatMap((f) => (f.staged ? [f.staged] : []))
}

export const useAttachmentsStore = create<AttachmentsState>()((set, get) => {
  function patch(sessionId: string, key: number, change: Partial<ComposerFile>): void {
    set((state) => ({
      bySession: {
        ...state.bySession,
        [sessionId]: (state.bySession[sessionId] ?? []).map((f) =>
          f.key === key ? { ...f, ...change } : f,
        ),
      },
    }))
  }

  function drop(sessionId: string, key: number): void {
    set((state) => ({
      bySession: {
        ...state.bySession,
        [sessionId]: (state.bySession[sessionId] ?? []).filter((f) => f.key !== key),
      },
    }))
  }

  function addError(sessionId: string, line: string): void {
    set((state) => ({
      errors: { ...state.errors, [sessionId]: [...(state.errors[sessionId] ?? []), line] },
    }))
  }

  async function upload(sessionId: string, entry: ComposerFile): Promise<void> {
    const result = await stageFile(entry.file, {
      onProgress: (received) => patch(sessionId, entry.key, { received }),
      cancelled: () => removed.has(entry.key),
    })
    if (removed.delete(entry.key)) {
      // Removed while the last request was on its way: main still holds it.
      if (result.ok) void request('attachments.discard', { stagedId: result.staged.stagedId })
      return
    }
    if (result.ok) patch(sessionId, entry.key, { staged: result.staged, received: entry.size })
    else {
      drop(sessionId, entry.key)
      addError(sessionId, attachmentErrorText(result.error, entry.name))
    }
  }

  return {
    bySession: {},
    errors: {},

    async add(sessionId, files) {
      set((state) => ({ errors: { ...state.errors, [sessionId]: [] } }))
      const added: ComposerFile[] = []
      for (const file of files) {
        const count = (get().bySession[sessionId]?.length ?? 0) + added.length
        if (count >= MAX_ATTACHMENTS_PER_MESSAGE) {
          addError(sessionId, tooManyText(file.name))
          continue
        }
        const name = file.name || 'pasted file'
        added.push({ key: nextKey++, name, size: file.size, file, received: 0, staged: null })
      }
      if (added.length === 0) return
      set((state) => ({
        bySession: {
          ...state.bySession,
          [sessionId]: [...(state.bySession[sessionId] ?? []), ...added],
        },
      }))
      await Promise.all(added.map((entry) => upload(sessionId, entry)))
    },

    remove(sessionId, key) {
      const entry = get().bySession[sessionId]?.find((f) => f.key === key)
      if (!entry) return
      drop(sessionId, key)
      if (entry.staged) void request('attachments.discard', { stagedId: entry.staged.stagedId })
      else removed.add(key)
    },

    sent(sessionId, keys) {
      set((state) => ({
        bySession: {
          ...state.bySession,
          [sessionId]: (state.bySession[sessionId] ?? []).filter((f) => !keys.includes(f.key)),
        },
        errors: { ...state.errors, [sessionId]: [] },
      }))
    },

    dismissErrors(sessionId) {
      set((state) => ({ errors: { ...state.errors, [sessionId]: [] } }))
    },
  }
})

subscribe('session.deleted', ({ sessionId }) => {
  const files = useAttachmentsStore.getState().bySession[sessionId] ?? []
  for (const f of files) useAttachmentsStore.getState().remove(sessionId, f.key)
})
