import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const STORES = path.resolve(__dirname, '../../../src/renderer/src/stores')

/** store file → the sibling store modules it imports (type-only imports included). */
function storeImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of fs.readdirSync(STORES).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(STORES, file), 'utf8')
    const siblings = [...text.matchAll(/from '\.\/([A-Za-z]+)'/g)].map((m) => `${m[1]}.ts`)
    graph.set(file, siblings)
  }
  return graph
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>()
  const walk = (node: string, trail: string[]): string[] | null => {
    if (trail.includes(node)) return [...trail.slice(trail.indexOf(node)), node]
    if (done.has(node)) return null
    for (const next of graph.get(node) ?? []) {
      const cycle = walk(next, [...trail, node])
      if (cycle) return cycle
    }
    done.add(node)
    return null
  }
  for (const node of graph.keys()) {
    const cycle = walk(node, [])
    if (cycle) return cycle
  }
  return null
}

describe('renderer stores', () => {
  it('import each other in no cycle', () => {
    expect(findCycle(storeImports())).toBeNull()
  })

  it('domain stores reach each other only through store events', () => {
    const graph = storeImports()
    // uiStore holds the window's alerts and status line; storeEvents is the bus.
    const shared = ['uiStore.ts', 'storeEvents.ts']
    const domain = [
      'appStore.ts',
      'chatStore.ts',
      'foldersStore.ts',
      'importStore.ts',
      'providersStore.ts',
      'sdkVaultImportStore.ts',
      'sessionsStore.ts',
      'vaultEntriesStore.ts',
      'vaultStore.ts',
    ]
    // A store split into modules (chatStore.ts + chatTree.ts, chatState.ts) may import its own
    // parts; the parts, like the store, reach other domains only through the bus.
    const partsOf = (store: string) => {
      const prefix = store.replace(/Store\.ts$/, '')
      return [...graph.keys()].filter((f) => f.startsWith(prefix) && !f.endsWith('Store.ts'))
    }
    for (const store of domain) {
      const own = partsOf(store)
      for (const file of [store, ...own]) {
        const foreign = graph
          .get(file)
          ?.filter((dep) => !shared.includes(dep) && !own.includes(dep))
        expect({ file, imports: foreign }).toEqual({ file, imports: [] })
      }
    }
  })
})
