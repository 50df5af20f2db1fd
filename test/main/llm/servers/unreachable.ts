import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface Blackhole {
  port: number
  close(): void
}

/**
 * A port on 127.0.0.1 where connecting never completes, as with a firewall that drops packets:
 * a listener with a backlog of 0 that never accepts (Python, since Node always accepts), whose
 * one queue slot is taken by a first connection. Linux then drops further SYNs.
 */
export async function startBlackhole(): Promise<Blackhole> {
  const listener = spawn('python3', [
    '-c',
    [
      'import socket, sys',
      's = socket.socket()',
      "s.bind(('127.0.0.1', 0))",
      's.listen(0)',
      'print(s.getsockname()[1], flush=True)',
      'sys.stdin.read()',
    ].join('\n'),
  ])
  const port = await new Promise<number>((resolve, reject) => {
    listener.once('error', reject)
    listener.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())))
  })
  const filler: Socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    filler.once('connect', resolve)
    filler.once('error', reject)
  })
  return {
    port,
    close() {
      filler.destroy()
      listener.kill()
    },
  }
}

/** A throwaway self-signed certificate for 127.0.0.1, made with the openssl CLI. */
export function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amos-tls-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    return {
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
