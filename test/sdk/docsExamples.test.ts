import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.join(import.meta.dirname, '../..')
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')

// docs/sdk.md shows the examples whole; the tests run the files, so the two must not drift.
describe('docs/sdk.md', () => {
  it.each([
    ['js', 'examples/node-app/index.mjs'],
    ['ts', 'examples/custom-storage/auditedStorage.ts'],
    ['ts', 'examples/custom-storage/auditedStorage.test.ts'],
  ])('shows %s file %s as it is', (lang, file) => {
    expect(read('docs/sdk.md')).toContain(`\`\`\`${lang}\n${read(file)}\`\`\``)
  })
})
