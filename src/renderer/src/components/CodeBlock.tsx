import type { ReactNode } from 'react'
import { useEffect, useState } from 'react'

interface Props {
  code: string
  language: string | null
  children: ReactNode
}

export function CodeBlock({ code, language, children }: Props) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    if (copied === 'idle') return
    const timer = setTimeout(() => setCopied('idle'), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  async function copy() {
    try {
      await navigator.clipboard.writeText(code)
      setCopied('copied')
    } catch {
      setCopied('failed')
    }
  }

  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-block-lang">{language ?? 'text'}</span>
        <button type="button" className="code-copy" onClick={() => void copy()}>
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      <pre>{children}</pre>
    </div>
  )
}
