// Every HTML sample in the guides (```html blocks of README.md and the guides docs/README.md links)
// uses only Chartwell elements that exist, with attributes they observe and properties they have:
// the samples are parsed in Chromium with every element registered, then rendered. Framework
// bindings in the samples are read as their framework reads them: Vue's `:name` (attribute) and
// `:name.prop` (property), Lit's `.name` (property), and `@event` (listeners, not checked).
import { expect } from '@open-wc/testing';
// the single-file entry registers every element, so a new one is covered without a change here
import '../../packages/elements/src/bundle.js';
import { ignoreResizeObserverLoopErrors } from '../support/benign-errors.js';

/** Attributes any element takes. */
const GLOBAL_ATTRIBUTES = new Set(['class', 'id', 'slot', 'style', 'hidden', 'part', 'lang', 'dir', 'tabindex', 'role', 'exportparts']);

interface HtmlSample {
  readonly guide: string;
  readonly line: number;
  readonly html: string;
}

async function guides(): Promise<string[]> {
  const index = await (await fetch('/docs/README.md')).text();
  const linked = [...index.matchAll(/\]\(\.\/([a-z0-9-]+\.md)\)/g)].map((match) => `/docs/${match[1]}`);
  return ['/README.md', ...linked];
}

function htmlSamples(guide: string, markdown: string): HtmlSample[] {
  const samples: HtmlSample[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!/^```html\s*$/.test(lines[index] ?? '')) continue;
    let end = index + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    samples.push({ guide, line: index + 1, html: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return samples;
}

/** What is wrong with one Chartwell element of a sample: an unknown tag, attribute or property. */
function problemsOf(element: Element): string[] {
  const tag = element.localName;
  const constructor = customElements.get(tag) as (CustomElementConstructor & { observedAttributes?: string[] }) | undefined;
  if (!constructor) return [`<${tag}> is not a Chartwell element`];
  const observed = new Set(constructor.observedAttributes ?? []);
  const problems: string[] = [];
  for (const { name } of element.attributes) {
    if (name.startsWith('@') || name.startsWith('on') || name.startsWith('aria-') || name.startsWith('data-') || GLOBAL_ATTRIBUTES.has(name)) continue;
    if (name.startsWith('.') || name.endsWith('.prop')) {
      const property = name.replace(/^[.:]/, '').replace(/\.prop$/, '');
      if (!(property in constructor.prototype)) problems.push(`<${tag}> has no property "${property}"`);
      continue;
    }
    const attribute = name.replace(/^:/, '');
    if (!observed.has(attribute)) problems.push(`<${tag}> does not observe the attribute "${attribute}"`);
  }
  return problems;
}

describe('the HTML samples of the guides', () => {
  ignoreResizeObserverLoopErrors();

  it('use only Chartwell elements, attributes and properties that exist, and render', async () => {
    const samples: HtmlSample[] = [];
    for (const guide of await guides()) samples.push(...htmlSamples(guide, await (await fetch(guide)).text()));
    expect(samples.length, 'HTML samples found').to.be.at.least(5);
    const problems: string[] = [];
    let checked = 0;
    for (const sample of samples) {
      const parsed = new DOMParser().parseFromString(`<body>${sample.html}</body>`, 'text/html');
      for (const script of parsed.querySelectorAll('script')) script.remove();
      const elements = [...parsed.body.querySelectorAll('*')].filter((element) => element.localName.startsWith('cw-'));
      for (const element of elements) problems.push(...problemsOf(element).map((problem) => `${sample.guide}, sample at line ${sample.line}: ${problem}`));
      checked += elements.length;
      // rendered as a page would: every Chartwell element upgrades to its class
      const host = document.createElement('div');
      host.append(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
      document.body.append(host);
      for (const element of host.querySelectorAll('*')) {
        if (element.localName.startsWith('cw-') && customElements.get(element.localName) && !(element instanceof customElements.get(element.localName)!)) problems.push(`${sample.guide}, sample at line ${sample.line}: <${element.localName}> did not upgrade`);
      }
      host.remove();
    }
    expect(checked, 'Chartwell elements checked').to.be.at.least(10);
    expect(problems).to.deep.equal([]);
  });
});
