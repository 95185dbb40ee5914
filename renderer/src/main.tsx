/**
 * Renderer entry: picks the bridge transport, creates the store, loads the initial state and
 * renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import './styles/base.css';
import './styles/topbar.css';
import './styles/terminal.css';
import './styles/dialog.css';
import './styles/sheet.css';
import './styles/controls.css';
import { createBridge } from './bridge/create-bridge.js';
import { App } from './components/App.js';
import { detectMac } from './lib/shortcuts.js';
import { AppProvider } from './store/context.js';
import { createAppStore } from './store/store.js';

const bridge = createBridge();
const store = createAppStore(bridge);
if (bridge.status() !== 'unauthorized') {
  store.load().catch(() => undefined);
}

const isMac = detectMac(navigator);
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <AppProvider bridge={bridge} store={store}>
      <App isMac={isMac} />
    </AppProvider>
  </StrictMode>,
);
