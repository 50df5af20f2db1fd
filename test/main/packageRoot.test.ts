import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { packageRoot, packageVersion } from '../../src/main/packageRoot'
import { REPO, removeDir, tempDir } from '../cli/helpers/runCli'

const dir = tempDir('amos-root-')
afterAll(() => removeDir(dir))

it('finds the app folder from a module in src/ and from a bundle chunk deeper in out/', () => {
  expect(packageRoot()).toBe(REPO)
  const chunk = pathToFileURL(path.join(REPO, 'out/cli/chunks/chunk-X.mjs')).href
  expect(packageRoot(chunk)).toBe(REPO)
})

it("skips another package's package.json on the way up", () => {
  const nested = path.join(dir, 'node_modules/other')
  mkdirSync(nested, { recursive: true })
  writeFileSync(path.join(nested, 'package.json'), '{"name":"other"}')
  writeFileSync(path.join(dir, 'package.json'), '{"name":"activemirror","version":"9.8.7"}')
  expect(packageRoot(path.join(nested, 'index.js'))).toBe(dir)
})

it('reads the version from package.json', () => {
  expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/)
})
