import { expect } from 'vitest'
import { describe, it } from './runner'
import type { ConformanceContext } from './conformanceTypes'
import { asRoot, at, chained, makeMessage, makeSession } from '../fixtures'

/** Roles the ActiveMirrorOS SDK stores besides user/assistant/system (issue 11). */
export function rolesConformance(ctx: ConformanceContext): void {
  describe('tool and function roles', () => {
    it('keeps tool and function messages, lists their session and finds them', async () => {
      const s = ctx.storage()
      const appended = makeSession({ title: 'Tools appended' })
      await s.createSession(appended)
      const ms = [
        makeMessage(appended.id, { role: 'user', content: 'weather?', createdAt: at(1) }),
        makeMessage(appended.id, {
          role: 'tool',
          content: '{"station": "Fastnet", "sky": "fog"}',
          createdAt: at(2),
          metadata: { toolCallId: 'call_1' },
        }),
        makeMessage(appended.id, { role: 'function', content: 'fog horn', createdAt: at(3) }),
      ]
      for (const m of ms) await s.appendMessage(m)
      const imported = makeSession({ title: 'Tools imported', messageCount: 1, updatedAt: at(4) })
      const importedTool = makeMessage(imported.id, { role: 'tool', content: 'fog bank' })
      await s.importSession(imported, [importedTool])

      const listed = (await s.listSessions()).items.map((x) => x.id)
      expect(listed.sort()).toEqual([appended.id, imported.id].sort())
      expect((await s.listMessages(appended.id)).items).toEqual(chained(ms, { path: true }))
      expect(await s.getMessage(importedTool.id)).toEqual(asRoot(importedTool))
      expect(await s.problems()).toEqual([])

      const hits = await s.search('fog*')
      const roleOf = new Map(hits.map((h) => [h.messageId, h.role]))
      expect(roleOf).toEqual(
        new Map([
          [ms[1]!.id, 'tool'],
          [ms[2]!.id, 'function'],
          [importedTool.id, 'tool'],
        ]),
      )

      if (!ctx.durable) return
      const reopened = await ctx.reopen()
      expect((await reopened.listMessages(appended.id)).items).toEqual(chained(ms, { path: true }))
      expect((await reopened.search('fastnet')).map((h) => h.role)).toEqual(['tool'])
    })
  })
}
