// The Vue example's page: the demo portal's Synthea patients in a MemoryStore, then the app.
import { demoStore } from '../host-kit/demo-store.js';
import { createChartApp } from './chart-app.js';

const container = document.querySelector('#app');
if (!container) throw new Error('examples/vue/index.html: no #app element');

demoStore().then(
  (store) => createChartApp({ store }).mount(container),
  (error: unknown) => {
    container.textContent = `Could not load the sample patients: ${error instanceof Error ? error.message : String(error)}`;
  },
);
