import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_NAME = 'activemirror'

/**
 * The folder holding this app's package.json. Found by walking up from the running module
 * rather than by a fixed `../..`, because the same code runs from src/ (tsx, tests) and from a
 * bundle in out/ whose chunks sit at another depth.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from)
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (existsSync(candidate) && readName(candidate) === PACKAGE_NAME) return dir
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`no ${PACKAGE_NAME} package.json above ${from}`)
    dir = parent
  }
}

/** The app's version from package.json; '0.0.0' when it cannot be read. */
export function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'))
    const value =
      typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined
    return typeof value === 'string' ? value : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

function readName(file: string): unknown {
  try {
    const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return typeof pkg === 'object' && pkg !== null ? (pkg as { name?: unknown }).name : undefined
  } catch {
    return undefined
  }
}
