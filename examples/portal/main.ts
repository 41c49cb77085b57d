// The demo portal registers the Chartwell elements it uses, as a host application would.
import '@chartwell/elements/define/cw-chart-provider.js';
import '@chartwell/elements/define/cw-clinic-date.js';
