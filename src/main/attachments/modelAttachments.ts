import type { AttachmentRef, AttachmentUseRecord } from '../../shared/attachments'
import { attachmentKindOf } from '../../shared/attachments'
import type { ModelCapabilities } from '../llm/modelCapabilities'
import type { ProviderFile, ProviderMessage } from '../llm/provider'

export interface FileReader {
  read(id: string): Promise<Buffer>
  pdfText(bytes: Uint8Array): Promise<string>
}

export interface PrepareOptions {
  capabilities: ModelCapabilities
  /** The user chose to send without images (MODEL_NO_VISION's first option). */
  withoutImages: boolean
}

/** A text file (or a PDF's text) as the model reads it: under its name, so it can refer to it. */
export function inlineFile(name: string, text: string, note = ''): string {
  return `[Attached file: ${name}${note}]\n${text}\n[End of ${name}]`
}

/** How many tokens a message's attachments will cost, before reading them (context fitting). */
export function estimateAttachmentTokens(
  refs: readonly Pick<AttachmentRef, 'mimeType' | 'size'>[] | undefined,
): number {
  let tokens = 0
  for (const ref of refs ?? []) {
    const kind = attachmentKindOf(ref.mimeType)
    // Images: about what Anthropic and OpenAI charge for a screenshot-sized picture. PDFs and
    // text: about 4 bytes of text per token (a PDF's bytes are mostly not text: 1 in 5 is).
    tokens +=
      kind === 'image' ? 1_600 : kind === 'pdf' ? Math.ceil(ref.size / 20) : Math.ceil(ref.size / 4)
  }
  return tokens
}

/**
 * Reads the attachments of the messages the model will get and puts each in the form the model
 * takes: images and (where read natively) PDFs as files, text files and other PDFs inlined as
 * text. What happened to each is returned for "What the model saw"; nothing is dropped without
 * an entry saying why.
 */
export async function prepareAttachments(
  messages: readonly ProviderMessage[],
  messageIds: readonly string[],
  reader: FileReader,
  options: PrepareOptions,
): Promise<{ messages: ProviderMessage[]; uses: AttachmentUseRecord[] }> {
  const uses: AttachmentUseRecord[] = []
  const out: ProviderMessage[] = []
  for (const [i, m] of messages.entries()) {
    const refs = m.attachments ?? []
    const messageId = messageIds[i] ?? ''
    if (refs.length === 0 || m.role !== 'user') {
      out.push(m)
      continue
    }
    const files: ProviderFile[] = []
    const texts: string[] = []
    for (const ref of refs) {
      const use = (as: AttachmentUseRecord['as'], reason?: AttachmentUseRecord['reason']): void => {
        uses.push({ messageId, id: ref.id, as, ...(reason && { reason }) })
      }
      const kind = attachmentKindOf(ref.mimeType)
      if (options.capabilities.namesOnly) {
        use('named')
        continue
      }
      if (kind === 'image' && options.withoutImages) {
        use('omitted', 'withoutImages')
        continue
      }
      if (kind === 'image' && options.capabilities.images === false) {
        use('omitted', 'noVision')
        continue
      }
      let bytes: Buffer
      try {
        bytes = await reader.read(ref.id)
      } catch {
        // Deleted meanwhile, damaged, or sealed while the vault is locked.
        use('omitted', 'unreadable')
        continue
      }
      if (kind === 'image' || (kind === 'pdf' && options.capabilities.pdf === 'native')) {
        files.push({ name: ref.name, mimeType: ref.mimeType, data: bytes })
        use('native')
      } else if (kind === 'pdf') {
        const text = await reader.pdfText(bytes).catch(() => null)
        if (text === null) use('omitted', 'unreadable')
        else {
          texts.push(inlineFile(ref.name, text, ', text extracted from the PDF'))
          use('text')
        }
      } else {
        texts.push(inlineFile(ref.name, bytes.toString('utf8')))
        use('text')
      }
    }
    const content = [m.content, ...texts].filter((t) => t.length > 0).join('\n\n')
    out.push({ ...m, content, ...(files.length > 0 && { files }) })
  }
  return { messages: out, uses }
}
