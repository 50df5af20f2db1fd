import type { ErrorInfo, ReactNode } from 'react'
import { Component } from 'react'

interface Props {
  children: ReactNode
  /** Where it failed, for the message ("the conversation", "the sidebar"). */
  area: string
}

interface State {
  error: Error | null
}

/** A crash in one area shows a message there; the rest of the window keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Rendering ${this.props.area} failed`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div role="alert" className="crash">
        <p>
          Something went wrong showing {this.props.area}: {this.state.error.message}
        </p>
        <button
          type="button"
          className="button-secondary"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    )
  }
}
