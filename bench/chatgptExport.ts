import fs from 'node:fs'
import { once } from 'node:events'
import { makeMessages } from './storageCorpus'

/**
 * Writes a ChatGPT `conversations.json` holding `messages` visible messages, streamed to disk so
 * the generator itself stays small. Conversations vary in length (4 to 36 messages, 20 on
 * average), each opens with a hidden system node as real exports do, and every tenth one holds a
 * regenerated reply (a branch). Deterministic: the same arguments give the same bytes.
 */
export async function writeChatGptExport(
  file: string,
  messages: number,
  seed = 11,
): Promise<number> {
  const out = fs.createWriteStream(file)
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write('[\n')
  let written = 0
  let index = 0
  while (written < messages) {
    const length = Math.min(4 + ((index * 7919) % 33), messages - written)
    await write(`${index === 0 ? '' : ',\n'}${JSON.stringify(conversation(index, length, seed))}`)
    written += length
    index += 1
  }
  await write('\n]\n')
  out.end()
  await once(out, 'finish')
  return index
}

type Node = { id: string; parent: string | null; children: string[]; message: unknown }

function conversation(index: number, length: number, seed: number): Record<string, unknown> {
  const id = `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`
  const texts = makeMessages(id, length + 1, index * 40, seed)
  const start = 1_700_000_000 + index * 3600
  const mapping: Record<string, Node> = {}
  const add = (nodeId: string, parent: string | null, message: unknown): void => {
    mapping[nodeId] = { id: nodeId, parent, children: [], message }
    if (parent) mapping[parent]!.children.push(nodeId)
  }
  add('root', null, null)
  add(`${id}-sys`, 'root', {
    id: `${id}-sys`,
    author: { role: 'system', name: null, metadata: {} },
    create_time: null,
    content: { content_type: 'text', parts: ['You are ChatGPT, a large language model.'] },
    status: 'finished_successfully',
    recipient: 'all',
    metadata: { is_visually_hidden_from_conversation: true },
  })
  let parent = `${id}-sys`
  const node = (n: number, role: string, text: string, at: number) => ({
    id: `${id}-${n}`,
    author: { role, name: null, metadata: {} },
    create_time: at,
    content: { content_type: 'text', parts: [text] },
    status: 'finished_successfully',
    end_turn: role === 'assistant' ? true : null,
    weight: 1,
    recipient: 'all',
    metadata:
      role === 'assistant' ? { model_slug: 'gpt-4o', finish_details: { type: 'stop' } } : {},
  })
  // A regenerated reply: one extra visible message beside the second one, off the current path.
  const branchAt = index % 10 === 0 && length >= 4 ? 1 : -1
  let count = 0
  for (let n = 0; count < length; n++) {
    const role = n % 2 === 0 ? 'user' : 'assistant'
    if (n === branchAt) {
      add(`${id}-${n}-old`, parent, {
        ...node(n, role, texts[length]!.content, start + n * 30),
        id: `${id}-${n}-old`,
      })
      count += 1
      if (count >= length) break
    }
    add(`${id}-${n}`, parent, node(n, role, texts[n]!.content, start + n * 30 + 5))
    parent = `${id}-${n}`
    count += 1
  }
  return {
    title: `Conversation ${index}: ${texts[0]!.content.slice(0, 40)}`,
    create_time: start,
    update_time: start + length * 30,
    mapping,
    moderation_results: [],
    current_node: parent,
    plugin_ids: null,
    conversation_id: id,
    conversation_template_id: null,
    id,
    default_model_slug: 'gpt-4o',
  }
}
