import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/tokens.css'
import './styles/base.css'
import './styles/components.css'
import './styles/layout.css'
import './styles/transactions.css'
import './styles/settings.css'

const container = document.getElementById('root')
if (!container) throw new Error('#root missing from index.html')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>
)
