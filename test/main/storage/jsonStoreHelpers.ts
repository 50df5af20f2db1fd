import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'

export type JsonObject = Record<string, unknown>

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/sdk-store')

/** A fresh temp folder, optionally holding a copy of the SDK fixture store. */
export function tempStore(withFixture: boolean): { dir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'amos-json-'))
  const dir = join(root, 'store')
  if (withFixture) cpSync(FIXTURE_DIR, dir, { recursive: true })
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

export function readJson(dir: string, name: string): JsonObject {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as JsonObject
}

/** Every file's bytes, to prove that a failed operation changed nothing. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir).sort()) {
    out[name] = readFileSync(join(dir, name)).toString('base64')
  }
  return out
}

export function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'))
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isIsoDate = (value: unknown): boolean =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value))

/**
 * What the ActiveMirrorOS JS SDK does when it opens a folder: read index.json, load every id in
 * it, and require each file to parse with `messages` an array. Stricter than the SDK on the
 * fields it writes itself, so a drift in our layout shows up here first.
 */
export function loadLikeSdk(dir: string): { index: JsonObject; sessions: Map<string, JsonObject> } {
  const index = readJson(dir, 'index.json')
  expect(Array.isArray(index.sessions), 'index.sessions is an array').toBe(true)
  const ids = index.sessions as unknown[]
  expect(ids.every((id) => typeof id === 'string')).toBe(true)
  expect(new Set(ids).size, 'index lists each id once').toBe(ids.length)
  expect(isIsoDate(index.updatedAt), 'index.updatedAt is ISO').toBe(true)

  const sessions = new Map<string, JsonObject>()
  for (const id of ids as string[]) {
    const s = readJson(dir, `${id}.json`)
    expect(s.id).toBe(id)
    expect(typeof s.title).toBe('string')
    expect(typeof s.userId).toBe('string')
    expect(isIsoDate(s.createdAt) && isIsoDate(s.updatedAt)).toBe(true)
    expect(Array.isArray(s.messages), `${id}.json messages is an array`).toBe(true)
    const messages = s.messages as unknown[]
    expect(s.messageCount, `${id}.json messageCount`).toBe(messages.length)
    for (const m of messages) {
      expect(isObject(m)).toBe(true)
      const msg = m as JsonObject
      expect(typeof msg.id).toBe('string')
      expect(msg.sessionId).toBe(id)
      expect(['user', 'assistant', 'system']).toContain(msg.role)
      expect(typeof msg.content).toBe('string')
      expect(isIsoDate(msg.timestamp)).toBe(true)
      expect(isObject(msg.metadata)).toBe(true)
    }
    sessions.set(id, s)
  }
  return { index, sessions }
}
