#!/usr/bin/env node
// Draws resources/icon.png (512x512) and resources/icon.svg: the ◊ mirror mark, a diamond whose
// lower half is its own fainter reflection. No image libraries: a tiny PNG encoder over zlib.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4 // 4x4 supersampling for smooth edges
const CORNER = 112
const CENTER = SIZE / 2
const OUTER = 168 // diamond half-diagonal
const INNER = 112
const GAP = 7 // the mirror line between the two halves

const TOP = [52, 58, 140]
const BOTTOM = [20, 22, 58]
const MARK = [232, 236, 255]

function insideRoundedSquare(x, y) {
  const dx = Math.max(CORNER - x, 0, x - (SIZE - CORNER))
  const dy = Math.max(CORNER - y, 0, y - (SIZE - CORNER))
  return dx * dx + dy * dy <= CORNER * CORNER
}

/** 0: background, 1: upper half of the mark, 0.45: its reflection. */
function markAlpha(x, y) {
  const d = Math.abs(x - CENTER) + Math.abs(y - CENTER)
  if (Math.abs(y - CENTER) < GAP / 2) return 0
  if (d > OUTER) return 0
  const ring = d >= INNER
  const core = d <= INNER - 34
  if (!ring && !core) return 0
  return y < CENTER ? 1 : 0.45
}

function pixel(px, py) {
  let coverage = 0
  let mark = 0
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES
      const y = py + (sy + 0.5) / SAMPLES
      if (!insideRoundedSquare(x, y)) continue
      coverage += 1
      mark += markAlpha(x, y)
    }
  }
  const n = SAMPLES * SAMPLES
  if (coverage === 0) return [0, 0, 0, 0]
  const t = py / SIZE
  const base = TOP.map((c, i) => c + (BOTTOM[i] - c) * t)
  const m = mark / coverage
  const rgb = base.map((c, i) => Math.round(c + (MARK[i] - c) * m))
  return [...rgb, Math.round((255 * coverage) / n)]
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0 // no filter
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const rgba = Buffer.alloc(SIZE * SIZE * 4)
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    rgba.set(pixel(x, y), (y * SIZE + x) * 4)
  }
}

const diamond = (r) =>
  `${CENTER},${CENTER - r} ${CENTER + r},${CENTER} ${CENTER},${CENTER + r} ${CENTER - r},${CENTER}`
const core = INNER - 34
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="rgb(${TOP.join(',')})"/>
      <stop offset="1" stop-color="rgb(${BOTTOM.join(',')})"/>
    </linearGradient>
    <clipPath id="top"><rect x="0" y="0" width="${SIZE}" height="${CENTER - GAP / 2}"/></clipPath>
    <clipPath id="bottom"><rect x="0" y="${CENTER + GAP / 2}" width="${SIZE}" height="${SIZE}"/></clipPath>
  </defs>
  <rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="url(#bg)"/>
  <g fill="rgb(${MARK.join(',')})" fill-rule="evenodd">
    <path clip-path="url(#top)" d="M${diamond(OUTER)}Z M${diamond(INNER)}Z M${diamond(core)}Z"/>
    <path clip-path="url(#bottom)" opacity="0.45" d="M${diamond(OUTER)}Z M${diamond(INNER)}Z M${diamond(core)}Z"/>
  </g>
</svg>
`

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources')
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'icon.png'), encodePng(SIZE, SIZE, rgba))
writeFileSync(join(out, 'icon.svg'), svg)
console.log(`wrote ${join(out, 'icon.png')} and icon.svg`)
