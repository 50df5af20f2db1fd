import { expect } from 'vitest'
import { describe, it } from './runner'
import type { Message } from '../../shared/domain'
import type { ConformanceContext } from './conformanceTypes'
import {
  asRoot,
  at,
  chained,
  expectMirrorError,
  makeMessage,
  makeRichMessage,
  makeSession,
} from '../fixtures'

export function messageConformance(ctx: ConformanceContext): void {
  describe('messages', () => {
    it('append bumps messageCount and sets updatedAt to the message time', async () => {
      const s = ctx.storage()
      const session = makeSession({ updatedAt: at(0) })
      await s.createSession(session)
      await s.appendMessage(makeMessage(session.id, { createdAt: at(5) }))
      await s.appendMessage(makeMessage(session.id, { createdAt: at(9) }))
      const after = await s.getSession(session.id)
      expect(after.messageCount).toBe(2)
      expect(after.updatedAt).toBe(at(9))
      expect(after.createdAt).toBe(session.createdAt)
    })

    it('moves the session with the newest message to the top of the list', async () => {
      const s = ctx.storage()
      const a = makeSession({ title: 'a', updatedAt: at(10) })
      const b = makeSession({ title: 'b', updatedAt: at(20) })
      await s.createSession(a)
      await s.createSession(b)
      await s.appendMessage(makeMessage(a.id, { createdAt: at(30) }))
      expect((await s.listSessions()).items.map((x) => x.title)).toEqual(['a', 'b'])
    })

    it('preserves every field, including metadata with unknown keys and unicode', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const rich = makeRichMessage(session.id)
      const plain = makeMessage(session.id, {
        content: '',
        metadata: {},
        pattern: null,
        uncertainty: null,
        provider: null,
        model: null,
      })
      const system = makeMessage(session.id, {
        role: 'system',
        status: 'failed',
        sensitive: true,
        content: 'secret ⟨medium⟩',
        metadata: { error: { code: 'PROVIDER_TIMEOUT', message: 'Timed out.' } },
      })
      for (const m of [rich, plain, system]) await s.appendMessage(m)
      const stored = chained([rich, plain, system])
      expect(await s.getMessage(rich.id)).toEqual(stored[0])
      expect(await s.getMessage(plain.id)).toEqual(stored[1])
      expect(await s.getMessage(system.id)).toEqual(stored[2])
      expect((await s.listMessages(session.id)).items).toEqual(
        chained([rich, plain, system], { path: true }),
      )
    })

    it('round-trips glyphs, markers, emoji and combining characters exactly', async () => {
      const s = ctx.storage()
      const session = makeSession({ title: '★ ⬢ title' })
      await s.createSession(session)
      const texts = [
        '◊ ✦ ★ ⬢',
        '⟨low⟩ maybe ⟨medium⟩ perhaps ⟨⟨high⟩⟩ unsure',
        '👩🏽‍💻 🇫🇷 \u{1F600} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
        'cafe\u0301 vs café (NFD vs NFC) \u200b zero width',
        'line one\nline two\r\n\ttabbed "quotes" \'single\' \\ backslash',
        '\u{E000}not a snippet\u{E001}',
      ]
      const messages = texts.map((content, i) =>
        makeMessage(session.id, { content, createdAt: at(i + 1) }),
      )
      for (const m of messages) await s.appendMessage(m)
      const page = await s.listMessages(session.id)
      expect(page.items.map((m) => m.content)).toEqual(texts)
      expect((await s.getSession(session.id)).title).toBe('★ ⬢ title')
    })

    it('returns copies: changing a returned message does not change storage', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const m = makeRichMessage(session.id)
      await s.appendMessage(m)
      const read = await s.getMessage(m.id)
      read.content = 'changed'
      read.metadata.sdkExtra = 'changed'
      expect(await s.getMessage(m.id)).toEqual(asRoot(m))
    })

    it('rejects a duplicate message id and writes nothing', async () => {
      const s = ctx.storage()
      const session = makeSession()
      const other = makeSession()
      await s.createSession(session)
      await s.createSession(other)
      const m = makeMessage(session.id, { content: 'first', createdAt: at(3) })
      await s.appendMessage(m)
      await expectMirrorError(
        s.appendMessage({ ...m, content: 'second', createdAt: at(8) }),
        'VALIDATION_FAILED',
      )
      await expectMirrorError(
        s.appendMessage({ ...m, sessionId: other.id, createdAt: at(8) }),
        'VALIDATION_FAILED',
      )
      expect(await s.getMessage(m.id)).toEqual(asRoot(m))
      const after = await s.getSession(session.id)
      expect(after.messageCount).toBe(1)
      expect(after.updatedAt).toBe(at(3))
      expect((await s.getSession(other.id)).messageCount).toBe(0)
    })

    it('rejects appending to an unknown session and writes nothing', async () => {
      const s = ctx.storage()
      const m = makeMessage('session_ghost', { content: 'orphan words' })
      await expectMirrorError(s.appendMessage(m), 'NOT_FOUND')
      await expectMirrorError(s.getMessage(m.id), 'NOT_FOUND')
      expect(await s.hasSession('session_ghost')).toBe(false)
      expect(await s.search('orphan')).toEqual([])
    })

    it('updates a message in place without changing its position', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const ms = [1, 2, 3].map((i) =>
        makeMessage(session.id, { createdAt: at(i), content: `m${i}` }),
      )
      for (const m of ms) await s.appendMessage(m)
      const updated: Message = {
        ...ms[1]!,
        content: 'partial reply ✦',
        status: 'stopped',
        metadata: { usage: { inputTokens: 3, outputTokens: 4 }, extra: 'kept' },
      }
      await s.updateMessage(updated)
      expect(await s.getMessage(updated.id)).toEqual({ ...updated, parentId: ms[0]!.id })
      expect((await s.listMessages(session.id)).items).toEqual(
        chained([ms[0]!, updated, ms[2]!], { path: true }),
      )
      expect((await s.getSession(session.id)).messageCount).toBe(3)
    })

    it('rejects updating an unknown message or moving one to another session', async () => {
      const s = ctx.storage()
      const a = makeSession()
      const b = makeSession()
      await s.createSession(a)
      await s.createSession(b)
      const m = makeMessage(a.id)
      await s.appendMessage(m)
      await expectMirrorError(s.updateMessage(makeMessage(a.id)), 'NOT_FOUND')
      await expectMirrorError(
        s.updateMessage({ ...m, sessionId: b.id, content: 'moved' }),
        'VALIDATION_FAILED',
      )
      expect(await s.getMessage(m.id)).toEqual(asRoot(m))
      expect((await s.listMessages(b.id)).items).toEqual([])
    })

    it('lists the last N messages oldest first and pages to older ones', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const ms = Array.from({ length: 12 }, (_, i) =>
        makeMessage(session.id, { content: `m${i}`, createdAt: at(i + 1) }),
      )
      for (const m of ms) await s.appendMessage(m)

      const last = await s.listMessages(session.id, { limit: 5 })
      expect(last.items.map((m) => m.content)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11'])
      expect(last.hasOlder).toBe(true)

      const older = await s.listMessages(session.id, { limit: 5, before: last.items[0]!.id })
      expect(older.items.map((m) => m.content)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6'])
      expect(older.hasOlder).toBe(true)

      const oldest = await s.listMessages(session.id, { limit: 5, before: older.items[0]!.id })
      expect(oldest.items.map((m) => m.content)).toEqual(['m0', 'm1'])
      expect(oldest.hasOlder).toBe(false)

      const exact = await s.listMessages(session.id, { limit: 2, before: ms[2]!.id })
      expect(exact.items.map((m) => m.content)).toEqual(['m0', 'm1'])
      expect(exact.hasOlder).toBe(false)

      const all = await s.listMessages(session.id)
      expect(all.items).toEqual(chained(ms, { path: true }))
      expect(all.hasOlder).toBe(false)
    })

    it('pages forward with `after`: the next N, oldest first, in append order', async () => {
      const s = ctx.storage()
      const session = makeSession()
      const other = makeSession()
      await s.createSession(session)
      await s.createSession(other)
      const ms = Array.from({ length: 8 }, (_, i) =>
        // createdAt runs backwards: the order must be append order all the same.
        makeMessage(session.id, { content: `m${i}`, createdAt: at(100 - i) }),
      )
      for (const m of ms) await s.appendMessage(m)
      const elsewhere = makeMessage(other.id)
      await s.appendMessage(elsewhere)

      const next = await s.listMessages(session.id, { limit: 3, after: ms[2]!.id })
      expect(next.items.map((m) => m.content)).toEqual(['m3', 'm4', 'm5'])
      expect(next.hasOlder).toBe(true)
      const tail = await s.listMessages(session.id, { limit: 5, after: ms[5]!.id })
      expect(tail.items.map((m) => m.content)).toEqual(['m6', 'm7'])
      const none = await s.listMessages(session.id, { limit: 5, after: ms[7]!.id })
      expect(none.items).toEqual([])

      await expectMirrorError(s.listMessages(session.id, { after: 'msg_nope' }), 'NOT_FOUND')
      await expectMirrorError(s.listMessages(session.id, { after: elsewhere.id }), 'NOT_FOUND')
      await expectMirrorError(
        s.listMessages(session.id, { after: ms[1]!.id, before: ms[5]!.id }),
        'VALIDATION_FAILED',
      )
    })

    it('lists an empty session as an empty page', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      expect(await s.listMessages(session.id)).toEqual({ items: [], hasOlder: false })
    })

    it('orders messages by append order, not by createdAt', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const later = makeMessage(session.id, { content: 'first appended', createdAt: at(9) })
      const earlier = makeMessage(session.id, { content: 'second appended', createdAt: at(2) })
      await s.appendMessage(later)
      await s.appendMessage(earlier)
      expect((await s.listMessages(session.id)).items.map((m) => m.content)).toEqual([
        'first appended',
        'second appended',
      ])
    })

    it('rejects an unknown `before` id with NOT_FOUND', async () => {
      const s = ctx.storage()
      const a = makeSession()
      const b = makeSession()
      await s.createSession(a)
      await s.createSession(b)
      const inB = makeMessage(b.id)
      await s.appendMessage(makeMessage(a.id))
      await s.appendMessage(inB)
      await expectMirrorError(s.listMessages(a.id, { before: 'msg_nope' }), 'NOT_FOUND')
      // A message of another session is not a position in this one.
      await expectMirrorError(s.listMessages(a.id, { before: inB.id }), 'NOT_FOUND')
    })

    it('imports a whole session with its messages in order', async () => {
      const s = ctx.storage()
      const session = makeSession({ title: 'imported ◊', updatedAt: at(9), messageCount: 3 })
      const ms = [
        makeRichMessage(session.id, { createdAt: at(1) }),
        makeMessage(session.id, { createdAt: at(2), content: 'imported words' }),
        makeMessage(session.id, { createdAt: at(3), sensitive: true, content: 'hidden words' }),
      ]
      await s.importSession(session, ms)
      expect(await s.getSession(session.id)).toEqual({ ...session, currentLeafId: ms[2]!.id })
      expect((await s.listMessages(session.id)).items).toEqual(chained(ms, { path: true }))
      expect((await s.search('imported')).map((h) => h.messageId)).toEqual([ms[1]!.id])
      expect(await s.search('hidden')).toEqual([])
    })

    it('import is all or nothing: a duplicate session id changes nothing', async () => {
      const s = ctx.storage()
      const existing = makeSession({ title: 'existing' })
      await s.createSession(existing)
      const kept = makeMessage(existing.id, { content: 'kept' })
      await s.appendMessage(kept)
      const fresh = makeMessage(existing.id, { content: 'intruder words' })
      await expectMirrorError(
        s.importSession({ ...existing, title: 'replaced', messageCount: 1 }, [fresh]),
        'VALIDATION_FAILED',
      )
      expect((await s.getSession(existing.id)).title).toBe('existing')
      expect((await s.listMessages(existing.id)).items).toEqual(chained([kept], { path: true }))
      await expectMirrorError(s.getMessage(fresh.id), 'NOT_FOUND')
      expect(await s.search('intruder')).toEqual([])
    })

    it('import is all or nothing: a clashing message id writes no session', async () => {
      const s = ctx.storage()
      const existing = makeSession()
      await s.createSession(existing)
      const taken = makeMessage(existing.id)
      await s.appendMessage(taken)

      const session = makeSession({ messageCount: 2 })
      const ok = makeMessage(session.id, { content: 'newcomer words' })
      await expectMirrorError(
        s.importSession(session, [ok, { ...taken, sessionId: session.id }]),
        'VALIDATION_FAILED',
      )
      expect(await s.hasSession(session.id)).toBe(false)
      await expectMirrorError(s.getMessage(ok.id), 'NOT_FOUND')
      expect(await s.search('newcomer')).toEqual([])

      const twice = makeMessage(session.id)
      await expectMirrorError(s.importSession(session, [twice, twice]), 'VALIDATION_FAILED')
      expect(await s.hasSession(session.id)).toBe(false)
      expect(await s.getMessage(taken.id)).toEqual(asRoot(taken))

      const stray = makeMessage(existing.id, { content: 'stray words' })
      await expectMirrorError(s.importSession(session, [stray]), 'VALIDATION_FAILED')
      expect(await s.hasSession(session.id)).toBe(false)
      await expectMirrorError(s.getMessage(stray.id), 'NOT_FOUND')
    })
  })
}
