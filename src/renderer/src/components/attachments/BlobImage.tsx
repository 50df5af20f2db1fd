import { useEffect, useRef } from 'react'

interface Props {
  blob: Blob
  alt: string
  className?: string
}

/**
 * An image of bytes the renderer holds, through an object URL made for this element and revoked
 * when it goes (or the bytes change), so no URL outlives what shows it.
 */
export function BlobImage({ blob, alt, className }: Props) {
  const ref = useRef<HTMLImageElement>(null)
  useEffect(() => {
    const image = ref.current
    if (!image) return
    const url = URL.createObjectURL(blob)
    image.src = url
    return () => {
      image.removeAttribute('src')
      URL.revokeObjectURL(url)
    }
  }, [blob])
  return <img ref={ref} className={className} alt={alt} />
}
