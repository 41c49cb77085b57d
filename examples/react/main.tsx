// The React example's page: the demo portal's Synthea patients in a MemoryStore, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { demoStore } from '../host-kit/demo-store.js';
import { ChartApp } from './chart-app.js';

const container = document.querySelector('#root');
if (!container) throw new Error('examples/react/index.html: no #root element');

demoStore().then(
  (store) =>
    createRoot(container).render(
      <StrictMode>
        <ChartApp store={store} />
      </StrictMode>,
    ),
  (error: unknown) => {
    container.textContent = `Could not load the sample patients: ${error instanceof Error ? error.message : String(error)}`;
  },
);
