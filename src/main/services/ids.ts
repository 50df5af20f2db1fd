import { randomBytes } from 'node:crypto'

export interface IdGenerator {
  sessionId(): string
  messageId(): string
  requestId(): string
  folderId(): string
}

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

function suffix(): string {
  // 9 base-36 characters, as the ActiveMirrorOS JS SDK writes them.
  const n = randomBytes(6).readUIntBE(0, 6)
  return n.toString(36).padStart(9, '0').slice(-9)
}

/** Ids in the ActiveMirrorOS SDK style (`session_<ms>_<9 chars>`), so JSON stores stay SDK-like. */
export function createIdGenerator(clock: Clock = systemClock): IdGenerator {
  return {
    sessionId: () => `session_${clock.now().getTime()}_${suffix()}`,
    messageId: () => `msg_${clock.now().getTime()}_${suffix()}`,
    requestId: () => `req_${clock.now().getTime()}_${suffix()}`,
    folderId: () => `folder_${clock.now().getTime()}_${suffix()}`,
  }
}
