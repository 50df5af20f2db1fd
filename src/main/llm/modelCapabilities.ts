import type { ChatProvider } from './provider'

/** What a model is known to read besides text (docs/attachments.md "Providers"). */
export interface ModelCapabilities {
  /** true: reads images; false: known not to; null: unknown (images are sent). */
  images: boolean | null
  /** native: PDFs go as documents; text: their extracted text is sent instead. */
  pdf: 'native' | 'text'
  /** The offline engine only acknowledges files by name and size. */
  namesOnly: boolean
}

// Model names known to read no images, by provider kind. Anything else is tried: a provider
// that refuses an image says so in its error, which the reply shows.
const NO_VISION: Record<string, RegExp> = {
  openai: /^(gpt-3\.5|gpt-4(-0314|-0613|-32k.*)?$|o1-mini|o3-mini|davinci|babbage)/i,
  anthropic: /^claude-(2|instant)/i,
  ollama:
    /^(llama2|llama3(\.[0-3])?(?!.*vision)(:|$)|mistral(:|$)|mixtral|phi[34]?(:|$)|qwen2?(\.5)?(-coder)?(:|$)|codellama|deepseek-(r1|coder)|tinyllama|gemma2?(:|$)|starcoder)/i,
}

const OLLAMA_VISION =
  /^(llava|bakllava|llama3\.2-vision|llama4|gemma3(?!:1b)|qwen2\.5vl|qwen2\.5-vl|minicpm-v|moondream|granite3\.2-vision|mistral-small3\.[12])/i

export function capabilitiesOf(
  provider: Pick<ChatProvider, 'kind'>,
  model: string,
): ModelCapabilities {
  switch (provider.kind) {
    case 'offline':
      return { images: true, pdf: 'text', namesOnly: true }
    case 'openai':
    case 'anthropic':
      return { images: !NO_VISION[provider.kind]!.test(model), pdf: 'native', namesOnly: false }
    case 'ollama':
      return {
        images: OLLAMA_VISION.test(model) ? true : NO_VISION['ollama']!.test(model) ? false : null,
        pdf: 'text',
        namesOnly: false,
      }
    case 'openai-compatible':
      return { images: null, pdf: 'text', namesOnly: false }
  }
}
