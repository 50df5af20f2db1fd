import type { ReactNode } from 'react'
import { formatBytes } from '../../../../shared/formatBytes'
import { ICONS } from '../message/icons'

/** A file's preview (or a file icon), then its name and size: the composer's and the thread's chips. */
export function FileLabel(props: {
  name: string
  size: number
  preview: ReactNode | null
  children?: ReactNode
}) {
  return (
    <>
      {props.preview ?? <span className="attachment-chip-icon">{ICONS.file}</span>}
      <span className="attachment-chip-text">
        <span className="attachment-chip-name" title={props.name}>
          {props.name}
        </span>
        <span className="attachment-chip-size">{formatBytes(props.size)}</span>
        {props.children}
      </span>
    </>
  )
}
