// The access-control matrix: every role × action × a representative set of resource types, on any
// ChartStore wrapped with withAccess and DEFAULT_ACCESS_POLICY. The data are official FHIR R4
// examples (test/fixtures/fhir), each stored twice: once for a patient on the clinicians' care
// team and once for a patient who is not. The expectations below were written from the policy's
// specification (issue #11 and docs/security.md "Access control"), not from the code's output.
import { DEFAULT_ACCESS_POLICY, isChartStoreError, type AccessRole, type AccessUser, type ChartStore } from '@chartwell/core';
import { withAccess } from '@chartwell/core/access';
import type { Resource, ResourceType } from '@chartwell/fhir';

/** Reads `test/fixtures/<path>` as JSON (fs in Node, fetch in the browser). */
export type LoadFixture = (path: string) => Promise<unknown>;

export const ON_TEAM = 'on-team';
export const OFF_TEAM = 'off-team';
export const DOCTOR = 'Practitioner/doctor';
export const NURSE = 'Practitioner/nurse';

/** The users of the matrix, one per role. */
export const MATRIX_USERS: Readonly<Record<AccessRole, AccessUser>> = {
  clinician: { id: 'u-clinician', role: 'clinician', reference: DOCTOR },
  nurse: { id: 'u-nurse', role: 'nurse', reference: NURSE },
  'front-desk': { id: 'u-front-desk', role: 'front-desk', reference: 'Practitioner/desk' },
  billing: { id: 'u-billing', role: 'billing', reference: 'Practitioner/billing' },
  lab: { id: 'u-lab', role: 'lab', reference: 'Practitioner/lab' },
  pharmacy: { id: 'u-pharmacy', role: 'pharmacy', reference: 'Practitioner/pharmacy' },
  patient: { id: 'u-patient', role: 'patient', reference: `Patient/${ON_TEAM}`, patientId: ON_TEAM },
};

/** The fixture each matrix type is stored from. */
export const MATRIX_FIXTURES = {
  Patient: 'fhir/Patient-example.json',
  Observation: 'fhir/Observation-blood-pressure.json',
  Condition: 'fhir/Condition-example.json',
  MedicationRequest: 'fhir/MedicationRequest-medrx0302.json',
  AllergyIntolerance: 'fhir/AllergyIntolerance-example.json',
  Appointment: 'fhir/Appointment-2docs.json',
  Claim: 'fhir/Claim-100150.json',
  Coverage: 'fhir/Coverage-9876B1.json',
  DiagnosticReport: 'fhir/DiagnosticReport-102.json',
  Practitioner: 'fhir/Practitioner-example.json',
} as const satisfies Partial<Record<ResourceType, string>>;

type MatrixType = keyof typeof MATRIX_FIXTURES;

/** Allowed actions as c r u d s letters: [for the patient on the care team, for the patient off it]. Practitioner belongs to no patient: one string. */
type Row = readonly [string, string];
const all = (on: string, off: string = on): Row => [on, off];
const none: Row = ['', ''];

/**
 * What each role may do (from the spec of DEFAULT_ACCESS_POLICY):
 * - clinician: everything for care-team patients, nothing for others; directory (Practitioner) in full; never create a Patient (registration is the front desk's);
 * - nurse: as clinician without delete;
 * - front desk: Patient, Appointment, Coverage read/search/create/update for anyone; directory read; no clinical data;
 * - billing: Claim, Coverage read/search/create/update; Patient and directory read;
 * - lab: Observation, DiagnosticReport read/search/create/update; Patient and directory read;
 * - pharmacy: MedicationRequest, AllergyIntolerance read/search; Patient and directory read;
 * - patient: read/search of their own record and the directory.
 */
export const MATRIX_EXPECTATIONS: Readonly<Record<AccessRole, Readonly<Record<MatrixType, Row>>>> = {
  clinician: {
    Patient: ['ruds', ''],
    Observation: ['cruds', ''],
    Condition: ['cruds', ''],
    MedicationRequest: ['cruds', ''],
    AllergyIntolerance: ['cruds', ''],
    Appointment: ['cruds', ''],
    Claim: ['cruds', ''],
    Coverage: ['cruds', ''],
    DiagnosticReport: ['cruds', ''],
    Practitioner: all('cruds'),
  },
  nurse: {
    Patient: ['rus', ''],
    Observation: ['crus', ''],
    Condition: ['crus', ''],
    MedicationRequest: ['crus', ''],
    AllergyIntolerance: ['crus', ''],
    Appointment: ['crus', ''],
    Claim: ['crus', ''],
    Coverage: ['crus', ''],
    DiagnosticReport: ['crus', ''],
    Practitioner: all('crus'),
  },
  'front-desk': {
    Patient: all('crus'),
    Observation: none,
    Condition: none,
    MedicationRequest: none,
    AllergyIntolerance: none,
    Appointment: all('crus'),
    Claim: none,
    Coverage: all('crus'),
    DiagnosticReport: none,
    Practitioner: all('rs'),
  },
  billing: {
    Patient: all('rs'),
    Observation: none,
    Condition: none,
    MedicationRequest: none,
    AllergyIntolerance: none,
    Appointment: none,
    Claim: all('crus'),
    Coverage: all('crus'),
    DiagnosticReport: none,
    Practitioner: all('rs'),
  },
  lab: {
    Patient: all('rs'),
    Observation: all('crus'),
    Condition: none,
    MedicationRequest: none,
    AllergyIntolerance: none,
    Appointment: none,
    Claim: none,
    Coverage: none,
    DiagnosticReport: all('crus'),
    Practitioner: all('rs'),
  },
  pharmacy: {
    Patient: all('rs'),
    Observation: none,
    Condition: none,
    MedicationRequest: all('rs'),
    AllergyIntolerance: all('rs'),
    Appointment: none,
    Claim: none,
    Coverage: none,
    DiagnosticReport: none,
    Practitioner: all('rs'),
  },
  patient: {
    Patient: ['rs', ''],
    Observation: ['rs', ''],
    Condition: ['rs', ''],
    MedicationRequest: ['rs', ''],
    AllergyIntolerance: ['rs', ''],
    Appointment: ['rs', ''],
    Claim: ['rs', ''],
    Coverage: ['rs', ''],
    DiagnosticReport: ['rs', ''],
    Practitioner: all('rs'),
  },
};

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** `value` with every `Patient/...` reference pointing at `patient` instead. */
function repoint<T>(value: T, patient: string): T {
  return JSON.parse(JSON.stringify(value).replace(/"Patient\/[^"/]+"/g, JSON.stringify(`Patient/${patient}`))) as T;
}

/** The matrix data: each type's example for both patients (ids `<type>-on-team`, `<type>-off-team`; the Patients are the two patients), the Practitioner once, and the care team. */
export async function matrixResources(load: LoadFixture): Promise<Resource[]> {
  const resources: Resource[] = [];
  for (const [type, path] of Object.entries(MATRIX_FIXTURES)) {
    const example = (await load(path)) as Resource;
    if (type === 'Practitioner') {
      resources.push({ ...copy(example), id: 'directory' } as Resource);
      continue;
    }
    for (const patient of [ON_TEAM, OFF_TEAM]) {
      const id = type === 'Patient' ? patient : `${type.toLowerCase()}-${patient}`;
      resources.push({ ...repoint(example, patient), id } as Resource);
    }
  }
  const team = (await load('fhir/CareTeam-example.json')) as Resource & { participant: unknown[] };
  resources.push({
    ...repoint(team, ON_TEAM),
    id: 'team-on',
    period: { start: '2020-01-01' },
    participant: [...team.participant, { member: { reference: DOCTOR } }, { member: { reference: NURSE } }],
  } as Resource);
  return resources;
}

const ACTIONS = [
  ['r', 'read'],
  ['s', 'search'],
  ['c', 'create'],
  ['u', 'update'],
  ['d', 'delete'],
] as const;

/** One cell of the matrix that came out otherwise than expected. */
export interface MatrixMismatch {
  readonly cell: string;
  readonly expected: 'allow' | 'deny';
  readonly actual: string;
}

async function outcome(run: () => Promise<boolean>): Promise<string> {
  try {
    return (await run()) ? 'allow' : 'deny';
  } catch (error) {
    if (isChartStoreError(error, 'forbidden')) return 'deny';
    return `error: ${(error as Error).message}`;
  }
}

/**
 * Runs every action on every matrix type for both patients as `role`, over `store` (already
 * holding {@link matrixResources}), and returns the cells that differ from {@link MATRIX_EXPECTATIONS}.
 * A search counts as allowed when it returns the resource, denied when it throws ForbiddenError or
 * leaves it out.
 */
export async function runAccessMatrix(store: ChartStore, role: AccessRole, load: LoadFixture): Promise<MatrixMismatch[]> {
  const guarded = withAccess(store, DEFAULT_ACCESS_POLICY, MATRIX_USERS[role]);
  const mismatches: MatrixMismatch[] = [];
  for (const [type, path] of Object.entries(MATRIX_FIXTURES) as [MatrixType, string][]) {
    const example = (await load(path)) as Resource;
    const row = MATRIX_EXPECTATIONS[role][type];
    const targets = type === 'Practitioner' ? ([['directory', row[0], ON_TEAM]] as const) : ([ON_TEAM, OFF_TEAM] as const).map((patient, i) => [type === 'Patient' ? patient : `${type.toLowerCase()}-${patient}`, row[i] ?? '', patient] as const);
    for (const [id, allowed, patient] of targets) {
      for (const [letter, action] of ACTIONS) {
        const expected = allowed.includes(letter) ? 'allow' : 'deny';
        const rt = type as ResourceType;
        let actual: string;
        switch (action) {
          case 'read':
            actual = await outcome(async () => (await guarded.read(rt, id)).id === id);
            break;
          case 'search':
            actual = await outcome(async () => (await guarded.search(rt, { _id: id })).some((r) => r.id === id));
            break;
          case 'create':
            actual = await outcome(async () => {
              await guarded.create({ ...repoint(example, patient), id } as Resource);
              return true;
            });
            break;
          case 'update':
            actual = await outcome(async () => {
              await guarded.update(await store.read(rt, id));
              return true;
            });
            break;
          case 'delete':
            actual = await outcome(async () => {
              await guarded.delete(rt, id);
              return true;
            });
            break;
        }
        if (actual !== expected) mismatches.push({ cell: `${role} ${action} ${type}/${id}`, expected, actual });
      }
    }
  }
  return mismatches;
}
