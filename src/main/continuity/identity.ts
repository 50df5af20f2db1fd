import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DISPLAY_NAME_MAX, IdentitySchema } from '../../shared/continuity'
import type { Identity } from '../../shared/continuity'
import { MirrorError } from '../../shared/errors'
import type { Clock } from '../services/ids'
import { systemClock } from '../services/ids'

export const IDENTITY_FILE_NAME = 'identity.json'
const FALLBACK_NAME = 'Me'

export { DISPLAY_NAME_MAX, IdentitySchema }
export type { Identity }

export interface IdentityDeps {
  clock?: Clock
  /** Defaults to os.userInfo().username; injectable for tests. */
  userName?: () => string | undefined
  /** Defaults to os.hostname(). */
  hostName?: () => string
}

// One line of text: control characters become spaces; length counts code points, not UTF-16 units.
function oneLine(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
}

const codePoints = (text: string): number => [...text].length

export function validateDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') {
    throw new MirrorError('VALIDATION_FAILED', 'The display name must be text.')
  }
  const name = oneLine(raw)
  if (name.length === 0) throw new MirrorError('VALIDATION_FAILED', 'The display name is empty.')
  if (codePoints(name) > DISPLAY_NAME_MAX) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `The display name is longer than ${DISPLAY_NAME_MAX} characters.`,
    )
  }
  return name
}

function defaultDisplayName(userName: () => string | undefined): string {
  let name: string | undefined
  try {
    name = userName()
  } catch {
    // os.userInfo() throws when the uid has no passwd entry (containers).
  }
  const clean = oneLine(name ?? '')
  return clean.length > 0 ? [...clean].slice(0, DISPLAY_NAME_MAX).join('') : FALLBACK_NAME
}

const corrupt = (file: string, reason: string): MirrorError =>
  new MirrorError(
    'STORAGE_CORRUPT',
    `The identity file ${file} is damaged (${reason}); it was left untouched.`,
    { file },
  )

function writeSynced(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx', 0o600)
  try {
    fs.writeFileSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

const serialize = (identity: Identity): string => `${JSON.stringify(identity, null, 2)}\n`
const tempName = (file: string): string =>
  path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )

/**
 * The local identity in `<dir>/identity.json` (dir: the app files dir, see paths.appFilesDir).
 * Created once, atomically: a synced temp file is hard-linked into place, which fails if another
 * process created it first, so two first runs agree on one identity and nothing is overwritten.
 * A file that cannot be read as an identity is reported and never replaced.
 */
export class IdentityStore {
  readonly file: string
  private readonly clock: Clock
  private readonly userName: () => string | undefined
  private readonly hostName: () => string

  constructor(dir: string, deps: IdentityDeps = {}) {
    this.file = path.join(dir, IDENTITY_FILE_NAME)
    this.clock = deps.clock ?? systemClock
    this.userName = deps.userName ?? (() => os.userInfo().username)
    this.hostName = deps.hostName ?? (() => os.hostname())
  }

  /** Reads the identity, creating it on first run. */
  get(): Identity {
    return this.read() ?? this.create()
  }

  rename(displayName: unknown): Identity {
    const name = validateDisplayName(displayName)
    return this.replace({ ...this.get(), displayName: name })
  }

  /** Takes over an identity restored from a backup (docs/backup.md), replacing this one. */
  replace(identity: Identity): Identity {
    const next = IdentitySchema.parse(identity)
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const temp = tempName(this.file)
    try {
      writeSynced(temp, serialize(next))
      fs.renameSync(temp, this.file)
    } catch (error) {
      fs.rmSync(temp, { force: true })
      throw unavailable(this.file, error)
    }
    return next
  }

  /** undefined when there is no file yet. */
  private read(): Identity | undefined {
    let text: string
    try {
      text = fs.readFileSync(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw unavailable(this.file, error)
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw corrupt(this.file, 'not valid JSON')
    }
    const parsed = IdentitySchema.safeParse(value)
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'identity'
      throw corrupt(this.file, `invalid ${field}`)
    }
    return parsed.data
  }

  private create(): Identity {
    const identity: Identity = {
      id: randomUUID(),
      displayName: defaultDisplayName(this.userName),
      createdAt: this.clock.now().toISOString(),
      deviceName: safeHostName(this.hostName),
    }
    const temp = tempName(this.file)
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      writeSynced(temp, serialize(identity))
      fs.linkSync(temp, this.file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        // Another process won the race: its identity is the identity.
        const theirs = this.read()
        if (theirs) return theirs
      }
      throw unavailable(this.file, error)
    } finally {
      fs.rmSync(temp, { force: true })
    }
    return identity
  }
}

function safeHostName(hostName: () => string): string {
  try {
    return oneLine(hostName())
  } catch {
    return ''
  }
}

function unavailable(file: string, error: unknown): MirrorError {
  if (error instanceof MirrorError) return error
  const code = (error as NodeJS.ErrnoException).code ?? 'write failed'
  return new MirrorError(
    'STORAGE_UNAVAILABLE',
    `The identity file ${file} cannot be used (${code}).`,
    {
      file,
    },
  )
}
