import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

/** One ChatGPT conversation: a linear thread of `turns` user/assistant pairs. */
export function conversation(index: number, turns: number, textBytes: number): object {
  const mapping: Record<string, object> = {}
  let parent: string | null = null
  const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(textBytes / 27)).slice(0, textBytes)
  for (let j = 0; j < turns * 2; j++) {
    const id = `c${index}-n${j}`
    mapping[id] = {
      id,
      parent,
      children: [],
      message: {
        id,
        author: { role: j % 2 === 0 ? 'user' : 'assistant' },
        create_time: 1700000000 + index * 100 + j,
        content: { content_type: 'text', parts: [`#${index}.${j} ${filler}`] },
        metadata: {},
      },
    }
    if (parent) (mapping[parent] as { children: string[] }).children.push(id)
    parent = id
  }
  return {
    title: `Generated ${index}`,
    create_time: 1700000000 + index * 100,
    update_time: 1700000000 + index * 100 + turns * 2,
    conversation_id: `gen-${index}`,
    current_node: parent,
    mapping,
  }
}

/** Writes a conversations.json of about `targetBytes`, one conversation at a time. */
export async function writeConversations(
  file: string,
  targetBytes: number,
  turns = 5,
  textBytes = 1500,
): Promise<number> {
  const out = createWriteStream(file)
  let written = 0
  let count = 0
  const write = async (text: string) => {
    written += Buffer.byteLength(text)
    if (!out.write(text)) await once(out, 'drain')
  }
  await write('[')
  while (written < targetBytes) {
    await write(`${count > 0 ? ',\n' : ''}${JSON.stringify(conversation(count, turns, textBytes))}`)
    count += 1
  }
  await write(']\n')
  out.end()
  await once(out, 'finish')
  return count
}
