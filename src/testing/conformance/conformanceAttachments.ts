import { expect } from 'vitest'
import { describe, it } from './runner'
import type { AttachmentRef } from '../../shared/attachments'
import { referencedAttachmentsOf } from '../../main/storage/attachmentRefs'
import type { ConformanceContext } from './conformanceTypes'
import { at, makeMessage, makeSession } from '../fixtures'

const ref = (n: number, name: string, mimeType = 'image/png'): AttachmentRef => ({
  id: String(n).repeat(64).slice(0, 64),
  name,
  mimeType,
  size: 1000 + n,
})

const PNG = ref(1, 'screen shot.png')
const PDF = ref(2, 'report.pdf', 'application/pdf')
const NOTES = ref(3, 'notes.md', 'text/markdown')

export function attachmentConformance(ctx: ConformanceContext): void {
  describe('attachment references', () => {
    it('keeps every message read path carrying the references, in order', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const plain = makeMessage(session.id, { createdAt: at(1) })
      const withFiles = makeMessage(session.id, { createdAt: at(2), attachments: [PNG, PDF] })
      await s.appendMessage(plain)
      await s.appendMessage(withFiles)

      expect((await s.getMessage(withFiles.id)).attachments).toEqual([PNG, PDF])
      expect((await s.getMessage(plain.id)).attachments ?? []).toEqual([])
      const page = await s.listMessages(session.id)
      expect(page.items.map((m) => m.attachments ?? [])).toEqual([[], [PNG, PDF]])
      expect((await s.listTree(session.id)).items[1]!.attachments).toEqual([PNG, PDF])
      expect((await s.listPathTo(withFiles.id)).at(-1)!.attachments).toEqual([PNG, PDF])
      expect((await s.listVersions(withFiles.id))[0]!.attachments).toEqual([PNG, PDF])
    })

    it('updates, imports and restores references', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const m = makeMessage(session.id, { createdAt: at(1), attachments: [PNG] })
      await s.appendMessage(m)
      await s.updateMessage({ ...m, attachments: [NOTES] })
      expect((await s.getMessage(m.id)).attachments).toEqual([NOTES])
      await s.updateMessage({ ...m, attachments: [] })
      expect((await s.getMessage(m.id)).attachments ?? []).toEqual([])

      const imported = makeSession({ id: 'session_imported_att' })
      const im = makeMessage(imported.id, { createdAt: at(3), attachments: [PDF] })
      await s.importSession(imported, [im])
      expect((await s.getMessage(im.id)).attachments).toEqual([PDF])

      const removed = await s.deleteMessage(im.id)
      expect(removed.removed[0]!.attachments).toEqual([PDF])
      await s.restoreMessages(imported.id, removed.removed)
      expect((await s.getMessage(im.id)).attachments).toEqual([PDF])
    })

    it('answers which attachments a stored message still refers to', async () => {
      const s = ctx.storage()
      const a = makeSession({ id: 'session_att_a' })
      const b = makeSession({ id: 'session_att_b', archived: true })
      await s.createSession(a)
      await s.createSession(b)
      const ma = makeMessage(a.id, { createdAt: at(1), attachments: [PNG, PDF] })
      const mb = makeMessage(b.id, { createdAt: at(2), attachments: [PDF] })
      await s.appendMessage(ma)
      await s.appendMessage(mb)
      const all = [PNG.id, PDF.id, NOTES.id]
      expect(await referencedAttachmentsOf(s, all)).toEqual(new Set([PNG.id, PDF.id]))

      await s.deleteMessage(ma.id)
      expect(await referencedAttachmentsOf(s, all)).toEqual(new Set([PDF.id]))
      await s.deleteSession(b.id)
      expect(await referencedAttachmentsOf(s, all)).toEqual(new Set())
    })

    if (ctx.durable) {
      it('keeps references after reopening', async () => {
        const session = makeSession()
        await ctx.storage().createSession(session)
        const m = makeMessage(session.id, { createdAt: at(1), attachments: [NOTES, PNG] })
        await ctx.storage().appendMessage(m)
        const again = await ctx.reopen()
        expect((await again.getMessage(m.id)).attachments).toEqual([NOTES, PNG])
        expect(await referencedAttachmentsOf(again, [PNG.id])).toEqual(new Set([PNG.id]))
      })
    }
  })
}
