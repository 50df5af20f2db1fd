/** One frame of a streamed response; `text` frames carry a piece of the reply. */
export interface Frame {
  data: string
  text?: boolean
  /** The first frame after the text (where an Anthropic stream error would go). */
  beforeEnd?: boolean
}

export interface Wire {
  name: string
  streamContentType: string
  streamFrames(
    texts: string[],
    usage: { input: number; output: number } | undefined,
    requestBody: unknown,
  ): Frame[]
  errorBody(
    status: number,
    message: string,
    errorType?: string,
  ): { body: string; contentType: string }
  streamErrorFrame(errorType: string): string
}

const CREATED = 1_760_000_000

function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`
}

function requestedModel(body: unknown): string {
  return typeof body === 'object' && body !== null && 'model' in body ? String(body.model) : 'model'
}

/** OpenAI Chat Completions SSE: `data: {chunk}` lines, a usage chunk when asked, `data: [DONE]`. */
export const openAiWire: Wire = {
  name: 'openai',
  streamContentType: 'text/event-stream; charset=utf-8',
  streamFrames(texts, usage, body) {
    const model = requestedModel(body)
    const chunk = (
      delta: Record<string, unknown>,
      finish: string | null,
    ): Record<string, unknown> => ({
      id: 'chatcmpl-loopback',
      object: 'chat.completion.chunk',
      created: CREATED,
      model,
      system_fingerprint: 'fp_loopback',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    })
    const frames: Frame[] = [
      { data: sse(chunk({ role: 'assistant', content: '', refusal: null }, null)) },
    ]
    for (const text of texts) frames.push({ data: sse(chunk({ content: text }, null)), text: true })
    frames.push({ data: sse(chunk({}, 'stop')), beforeEnd: true })
    const options = (body as { stream_options?: { include_usage?: boolean } } | null)
      ?.stream_options
    if (usage && options?.include_usage) {
      frames.push({
        data: sse({
          id: 'chatcmpl-loopback',
          object: 'chat.completion.chunk',
          created: CREATED,
          model,
          choices: [],
          usage: {
            prompt_tokens: usage.input,
            completion_tokens: usage.output,
            total_tokens: usage.input + usage.output,
          },
        }),
      })
    }
    frames.push({ data: 'data: [DONE]\n\n' })
    return frames
  },
  errorBody(status, message, errorType) {
    const type =
      errorType ??
      (status === 429
        ? 'rate_limit_exceeded'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error')
    return {
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: { message, type, param: null, code: null } }),
    }
  },
  streamErrorFrame(errorType) {
    return sse({
      error: { message: 'The server had an error.', type: errorType, param: null, code: null },
    })
  },
}

/** Anthropic Messages SSE: named events from message_start to message_stop. */
export const anthropicWire: Wire = {
  name: 'anthropic',
  streamContentType: 'text/event-stream; charset=utf-8',
  streamFrames(texts, usage, body) {
    const model = requestedModel(body)
    const frames: Frame[] = [
      {
        data: sse(
          {
            type: 'message_start',
            message: {
              id: 'msg_loopback',
              type: 'message',
              role: 'assistant',
              model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: usage?.input ?? 0, output_tokens: 1 },
            },
          },
          'message_start',
        ),
      },
      {
        data: sse(
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          'content_block_start',
        ),
      },
      { data: sse({ type: 'ping' }, 'ping') },
    ]
    for (const text of texts) {
      frames.push({
        data: sse(
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
          'content_block_delta',
        ),
        text: true,
      })
    }
    frames.push({
      data: sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      beforeEnd: true,
    })
    frames.push({
      data: sse(
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: usage?.output ?? 0 },
        },
        'message_delta',
      ),
    })
    frames.push({ data: sse({ type: 'message_stop' }, 'message_stop') })
    return frames
  },
  errorBody(status, message, errorType) {
    const type =
      errorType ??
      ({
        401: 'authentication_error',
        403: 'permission_error',
        404: 'not_found_error',
        429: 'rate_limit_error',
        529: 'overloaded_error',
      }[status] ||
        (status >= 500 ? 'api_error' : 'invalid_request_error'))
    return {
      contentType: 'application/json',
      body: JSON.stringify({ type: 'error', error: { type, message } }),
    }
  },
  streamErrorFrame(errorType) {
    return sse({ type: 'error', error: { type: errorType, message: 'Overloaded' } }, 'error')
  },
}

/** Ollama /api/chat: NDJSON, one message object per line, a final `done: true` with counts. */
export const ollamaWire: Wire = {
  name: 'ollama',
  streamContentType: 'application/x-ndjson',
  streamFrames(texts, usage, body) {
    const model = requestedModel(body)
    const line = (value: unknown): string => `${JSON.stringify(value)}\n`
    const frames: Frame[] = texts.map((text) => ({
      data: line({
        model,
        created_at: '2025-10-09T12:00:00.000Z',
        message: { role: 'assistant', content: text },
        done: false,
      }),
      text: true,
    }))
    frames.push({
      data: line({
        model,
        created_at: '2025-10-09T12:00:01.000Z',
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'stop',
        total_duration: 1_000_000,
        load_duration: 1_000,
        prompt_eval_count: usage?.input ?? 0,
        prompt_eval_duration: 1_000,
        eval_count: usage?.output ?? 0,
        eval_duration: 1_000,
      }),
      beforeEnd: true,
    })
    return frames
  },
  errorBody(_status, message) {
    return {
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: message }),
    }
  },
  streamErrorFrame() {
    return `${JSON.stringify({ error: 'an error was encountered while running the model' })}\n`
  },
}
