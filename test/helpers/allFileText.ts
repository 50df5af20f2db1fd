import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every file under `dir`, read as bytes (latin1), joined: to prove a secret is in none of them. */
export function allFileText(dir: string): string {
  let text = ''
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    text += statSync(file).isDirectory() ? allFileText(file) : readFileSync(file, 'latin1')
  }
  return text
}
