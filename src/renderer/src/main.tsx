import './lib/zodWithoutEval'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getBridge } from './bridge/bridgeClient'
import { startAppearance } from './lib/appearance'
import './styles/theme.css'
import './styles/app.css'
import './styles/folders.css'
import './styles/chat.css'
import './styles/messageActions.css'
import './styles/markdown.css'

// The stored theme and text size before anything is drawn (CSP allows no inline script).
startAppearance()

// Create the bridge first: it takes the token out of the URL before anything reads the hash.
getBridge()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
