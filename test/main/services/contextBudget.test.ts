import { describe, expect, it } from 'vitest'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { BudgetedSources, FITS_TO_WAIT_AGAIN } from '../../../src/main/services/budgetedSources'
import { ChatService } from '../../../src/main/services/chatService'
import { ContextInspector } from '../../../src/main/services/contextInspector'
import type { ContextSource, ContextTurn } from '../../../src/main/services/contextSources'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import { SessionService } from '../../../src/main/services/sessionService'
import { backends, deps } from './helpers'
import { ScriptedProvider } from './testProviders'

const memories: ContextSource = {
  id: 'vault-memories',
  contribute: async () => ({
    systemText: 'Known about the user: prefers mornings.',
    used: [{ kind: 'memory', id: 'routine', label: 'Preferences: routine' }],
  }),
}

/** A recall source that answers only when the test says so. */
function heldRecall() {
  let release: () => void = () => undefined
  const answered = new Promise<void>((resolve) => (release = resolve))
  let settled = false
  const source: ContextSource = {
    id: 'recall',
    contribute: async () => {
      await answered
      settled = true
      return {
        systemText: 'From an earlier session: "the marathon plan".',
        used: [{ kind: 'recall', id: 'm1', label: 'Training', sessionId: 's1', messageId: 'm1' }],
      }
    },
  }
  return { source, release: () => release(), settled: () => settled }
}

async function setup(
  sources: ContextSource[],
  steps: ConstructorParameters<typeof ScriptedProvider>[1] = [{ text: 'A reply.' }],
) {
  const handle = await backends.find((b) => b.name === 'sqlite')!.open()
  const storage = handle.storage
  const base = deps(storage)
  const provider = new ScriptedProvider('scripted', steps)
  const providers = new ProviderRegistry()
  providers.register(provider)
  const reflective = new ReflectiveService()
  const chat = new ChatService({ ...base, providers, reflective, contextSources: sources })
  const inspector = new ContextInspector({ storage, providers, reflective })
  const session = await new SessionService(base).create({ title: 'Budget' })
  const send = (text: string) =>
    chat.send({
      sessionId: session.id,
      text,
      pattern: 'strategic',
      uncertainty: 'none',
      providerId: 'scripted',
    })
  return { chat, provider, session, inspector, send, close: () => handle.dispose() }
}

describe('context sources have a time budget', () => {
  it('starts the request without a late source and says it was skipped', async () => {
    const recall = heldRecall()
    const ctx = await setup([memories, recall.source], [{ gate: true }, { text: 'A reply.' }])
    const sent = await ctx.send('When should I train?')
    // The provider has the request while recall is still running.
    await ctx.provider.waitAtGate()
    expect(recall.settled()).toBe(false)
    ctx.provider.release()
    const outcome = await sent.completion

    const system = ctx.provider.requests[0]!.system
    expect(system).toContain('prefers mornings')
    expect(system).not.toContain('marathon')
    const metadata = outcome.message!.metadata
    expect(metadata.contextSources).toEqual([
      { kind: 'memory', id: 'routine', label: 'Preferences: routine' },
    ])
    expect(metadata.contextSkipped).toEqual([{ id: 'recall', reason: 'slow' }])
    const seen = await ctx.inspector.seen(ctx.session.id, outcome.message!.id)
    expect(seen.skipped).toEqual([{ id: 'recall', reason: 'slow' }])
    expect(seen.sources.map((s) => s.kind)).toEqual(['memory'])

    // Finishing late changes nothing already stored.
    recall.release()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(recall.settled()).toBe(true)
    await ctx.close()
  })

  it('includes every source that answers within the budget, as before', async () => {
    const recall = heldRecall()
    recall.release()
    const ctx = await setup([memories, recall.source])
    const outcome = await (await ctx.send('When should I train?')).completion
    expect(ctx.provider.requests[0]!.system).toContain('marathon plan')
    expect(outcome.message!.metadata.contextSources?.map((s) => s.kind)).toEqual([
      'memory',
      'recall',
    ])
    expect(outcome.message!.metadata.contextSkipped).toBeUndefined()
    const seen = await ctx.inspector.seen(ctx.session.id, outcome.message!.id)
    expect(seen.skipped).toEqual([])
    await ctx.close()
  })
})

describe('BudgetedSources', () => {
  const turn = {} as ContextTurn

  /** A source whose runs take as long as the test's clock says (synchronous work). */
  function timedSource(clock: { t: number }, durations: number[]) {
    const calls: number[] = []
    const source: ContextSource = {
      id: 'recall',
      contribute: async () => {
        calls.push(clock.t)
        clock.t += durations.shift() ?? 0
        return { systemText: 'recalled', used: [] }
      },
    }
    return { source, calls }
  }

  it('does not wait on a source that overran its budget, and waits again once it fits', async () => {
    const clock = { t: 0 }
    const { source, calls } = timedSource(clock, [30, 2, 1, 9, 2, 2, 1])
    const sources = new BudgetedSources([source], { budgetMs: 5, now: () => clock.t })
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

    // Synchronous work cannot be left behind: the first run is waited for, and found slow.
    const first = await sources.gather(turn)
    expect(first.systemText).toBe('recalled')
    expect(first.skipped).toEqual([])

    // So the next turns go without it; it runs after the budget, to be timed again
    // (2 and 1 ms fit, 9 does not and starts the count again; then 2, 2, 1 fit).
    for (let run = 2; run <= 7; run++) {
      const later = await sources.gather(turn)
      expect(later.systemText).toBe('')
      expect(later.skipped).toEqual([{ id: 'recall', reason: 'slow' }])
      expect(calls).toHaveLength(run - 1)
      await settle()
      expect(calls).toHaveLength(run)
    }
    expect(FITS_TO_WAIT_AGAIN).toBe(3)

    const fitted = await sources.gather(turn)
    expect(fitted.systemText).toBe('recalled')
    expect(fitted.skipped).toEqual([])
  })

  it('takes a prepared answer at once, even from a source found slow', async () => {
    const clock = { t: 0 }
    const { source } = timedSource(clock, [30])
    let ready = false
    const sources = new BudgetedSources([{ ...source, ready: () => ready }], {
      budgetMs: 5,
      now: () => clock.t,
    })
    await sources.gather(turn)
    expect((await sources.gather(turn)).skipped).toEqual([{ id: 'recall', reason: 'slow' }])
    ready = true
    const prepared = await sources.gather(turn)
    expect(prepared.systemText).toBe('recalled')
    expect(prepared.skipped).toEqual([])
  })
})
