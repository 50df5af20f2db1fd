/** The i-th test attachment: distinct bytes with a marker no other file of the test holds. */
export function attachmentBytes(i: number): Buffer {
  return Buffer.from(`attachment ${i} holds the QUOKKA-${i}-MARKER and some words\n`.repeat(40))
}
