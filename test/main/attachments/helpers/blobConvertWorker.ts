/**
 * Child process for the attachment conversion kill tests: stores `count` attachment files (each
 * acknowledged on stdout once written), then encrypts (enable) or decrypts (disable) them all.
 * With `<step>:<n>` it SIGKILLs itself at that step of the n-th file; with `none` the parent
 * kills it on a timer.
 * Usage: node --import tsx blobConvertWorker.ts <dir> <keyHex> <enable|disable> <count> <step:n|none>
 */
import { BlobStore } from '../../../../src/main/attachments/blobStore'
import {
  decryptAttachmentFiles,
  encryptAttachmentFiles,
} from '../../../../src/main/attachments/blobConversion'
import { attachmentsAtRest } from '../../../../src/main/vault/attachmentsAtRest'
import { attachmentBytes } from './blobFixtures'

const [dir, keyHex, direction, countText, killAt] = process.argv.slice(2) as [
  string,
  string,
  'enable' | 'disable',
  string,
  string,
]
const cipher = attachmentsAtRest(Buffer.from(keyHex, 'hex'))
// Files are stored as they would be before the switch: plain for enable, encrypted for disable.
const store = new BlobStore(dir, () => (direction === 'enable' ? null : cipher))
const count = Number(countText)
for (let i = 0; i < count; i++) await store.putPlain(attachmentBytes(i))
process.stdout.write(`acked ${count}\n`)

const [killStep, killIndex] = killAt.split(':') as [string, string | undefined]
let seen = 0
const onStep = (step: string): void => {
  if (step === 'removed') seen++
  if (step === killStep && seen === Number(killIndex ?? 0)) process.kill(process.pid, 'SIGKILL')
}
if (direction === 'enable') await encryptAttachmentFiles(dir, cipher, { onStep })
else await decryptAttachmentFiles(dir, cipher, { onStep })
process.stdout.write('converted\n')
