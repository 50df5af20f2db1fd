import { describe, expect, it } from 'vitest'
import {
  isLocalBaseUrl,
  isLocalProvider,
  isLoopbackHost,
  isPrivateNetworkHost,
} from '../../../src/main/llm/localProvider'
import type { ProviderConfig } from '../../../src/main/llm/providerConfig'

const provider = (type: ProviderConfig['type'], baseUrl?: string): ProviderConfig => ({
  id: 'p1',
  type,
  label: 'P',
  model: 'm',
  ...(baseUrl === undefined ? {} : { baseUrl }),
})

describe('local providers (for "Send memories only to local models")', () => {
  it('knows loopback hosts in every spelling and nothing else', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '[::1]',
      'app.localhost',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(host), host).toBe(true)
    for (const host of [
      '128.0.0.1',
      '127.0.0.256',
      'localhost.example.com',
      '10.0.0.1',
      'api.openai.com',
      '::2',
    ])
      expect(isLoopbackHost(host), host).toBe(false)
  })

  it('reads base URLs, treating a malformed one as not local', () => {
    expect(isLocalBaseUrl('http://127.0.0.1:1234/v1')).toBe(true)
    expect(isLocalBaseUrl('http://[::1]:8080')).toBe(true)
    expect(isLocalBaseUrl('https://api.openai.com/v1')).toBe(false)
    expect(isLocalBaseUrl('not a url')).toBe(false)
  })

  it('knows private networks', () => {
    for (const host of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.20',
      'nas.local',
      'fd12:3456::1',
    ])
      expect(isPrivateNetworkHost(host), host).toBe(true)
    for (const host of ['172.32.0.1', '8.8.8.8', '192.169.0.1', 'ollama.com'])
      expect(isPrivateNetworkHost(host), host).toBe(false)
  })

  it('counts the offline engine, loopback providers and Ollama on the home network as local', () => {
    expect(isLocalProvider({ type: 'offline' })).toBe(true)
    expect(isLocalProvider(provider('ollama'))).toBe(true) // default base URL is 127.0.0.1
    expect(isLocalProvider(provider('ollama', 'http://192.168.1.5:11434'))).toBe(true)
    expect(isLocalProvider(provider('openai-compatible', 'http://localhost:1234/v1'))).toBe(true)
  })

  it('counts cloud providers, Ollama on a public host and a LAN OpenAI-compatible server as not local', () => {
    expect(isLocalProvider(provider('openai'))).toBe(false)
    expect(isLocalProvider(provider('anthropic'))).toBe(false)
    expect(isLocalProvider(provider('ollama', 'https://ollama.com'))).toBe(false)
    expect(isLocalProvider(provider('openai-compatible', 'http://192.168.1.5:1234/v1'))).toBe(false)
    expect(isLocalProvider(provider('openai', 'http://127.0.0.1:9999/v1'))).toBe(true)
  })
})
