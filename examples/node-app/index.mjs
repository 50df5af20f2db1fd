// A small program on the ActiveMirror SDK: a session, a streamed reply, a search, a typed error.
// Run: npm install, then `node index.mjs [data folder]` (the offline engine answers; no API key).
import { createMirror, MirrorError } from 'activemirror'

const mirror = await createMirror({ dataDir: process.argv[2] ?? './mirror-data' })
try {
  const session = await mirror.sessions.create({ title: 'Garden planning' })
  const reply = await mirror.send({
    sessionId: session.id,
    text: 'What could grow in a shady garden?',
    pattern: 'analytical',
    uncertainty: 'medium',
  })
  console.log(`you: ${reply.userMessage.content}`)
  process.stdout.write('mirror: ')
  for await (const piece of reply) process.stdout.write(piece)
  const { message, error } = await reply.completion
  if (error) throw error
  console.log(
    `\nstored: ${message.status} reply from ${message.provider}, pattern ${message.pattern}`,
  )

  const { hits } = await mirror.sessions.search('shady garden')
  console.log(`search "shady garden": ${hits.length} message(s)`)
  const { items } = await mirror.sessions.list()
  console.log(`sessions: ${items.map((s) => `${s.title} (${s.messageCount} messages)`).join(', ')}`)

  await mirror.sessions.get('session_0_missing').catch((e) => {
    if (!(e instanceof MirrorError)) throw e
    console.log(`typed error: ${e.code}`)
  })
} finally {
  await mirror.close()
}
