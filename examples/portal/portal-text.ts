// The portal's own words (its navigation, headings and settings), in English and Spanish. The
// widgets translate themselves (`@lit/localize`, picked by the provider's locale); this is the
// host's share, kept as small as a host's would be.
import type { MatchField } from '@chartwell/interop';

/** Every string the portal page itself shows. */
export interface PortalText {
  readonly title: string;
  readonly nav: string;
  readonly pages: Readonly<Record<'patients' | 'chart' | 'schedule' | 'billing' | 'incoming' | 'settings', string>>;
  readonly reset: string;
  readonly loading: string;
  readonly importing: (bundle: number, bundles: number) => string;
  readonly imported: string;
  readonly loaded: string;
  readonly loadFailed: (message: string) => string;
  readonly resetFailed: (message: string) => string;
  readonly blocked: string;
  readonly progress: string;
  readonly noPatient: string;
  readonly choosePatient: string;
  readonly patient: string;
  readonly noDiary: string;
  readonly settings: Readonly<Record<'locale' | 'timeZone' | 'theme' | 'dateStyle' | 'timeStyle' | 'signedInAs', string>>;
  readonly users: Readonly<Record<'administrator' | 'clinician' | 'front-desk' | 'billing', string>>;
  readonly accessLog: string;
  readonly themes: Readonly<Record<'light' | 'dark' | 'high-contrast' | 'auto', string>>;
  readonly dateStyles: Readonly<Record<'clinical' | 'locale', string>>;
  readonly timeStyles: Readonly<Record<'24h' | 'locale', string>>;
  readonly settingsNote: string;
  readonly note: string;
  readonly licence: string;
  readonly incoming: IncomingText;
}

/** The words of the "Incoming records" page. */
export interface IncomingText {
  readonly intro: string;
  readonly sample: string;
  readonly samples: Readonly<Record<'discharge' | 'lab' | 'admission', string>>;
  readonly file: string;
  readonly paste: string;
  readonly read: string;
  readonly reading: string;
  readonly arrived: string;
  readonly format: Readonly<Record<'hl7v2' | 'ccda' | 'fhir-json', string>>;
  readonly from: (source: string) => string;
  readonly unknownSource: string;
  readonly about: string;
  readonly records: string;
  readonly matchHeading: string;
  readonly matching: string;
  readonly classification: Readonly<Record<'match' | 'possible-match' | 'no-match', string>>;
  readonly candidate: (name: string, birthDate: string, score: number) => string;
  readonly byIdentifier: string;
  readonly outcome: Readonly<Record<'agree' | 'partial' | 'disagree' | 'missing', string>>;
  readonly fields: Readonly<Record<MatchField, string>>;
  readonly newPatient: string;
  readonly chooseFirst: string;
  readonly continue: string;
  readonly addedNew: (count: number) => string;
  readonly openChart: string;
  readonly reconcileHeading: (name: string) => string;
  readonly othersHeading: string;
  readonly others: (count: number) => string;
  readonly noOthers: string;
  readonly addOthers: (count: number) => string;
  readonly addedOthers: (count: number) => string;
  readonly failed: (message: string) => string;
}

const english: PortalText = {
  title: 'Chartwell demo clinic',
  nav: 'Portal',
  pages: { patients: 'Patients', chart: 'Chart', schedule: 'Schedule', billing: 'Billing', incoming: 'Incoming records', settings: 'Settings' },
  reset: 'Reset demo data',
  loading: 'Loading the sample patients…',
  importing: (bundle, bundles) => `Importing sample Bundle ${bundle} of ${bundles}…`,
  imported: 'Sample patients imported into this browser (IndexedDB).',
  loaded: 'Sample patients loaded from this browser (IndexedDB).',
  loadFailed: (message) => `Could not load the demo data: ${message}`,
  resetFailed: (message) => `Could not reset the demo data: ${message}`,
  blocked: 'Close the other demo tabs to finish the database upgrade.',
  progress: 'Importing the sample patients',
  noPatient: 'No patient chosen yet: pick one on the Patients page.',
  choosePatient: 'Choose a patient',
  patient: 'Patient',
  noDiary: 'No practitioner has a diary in this store yet.',
  settings: { locale: 'Language and region', timeZone: 'Clinic time zone', theme: 'Theme', dateStyle: 'Dates', timeStyle: 'Times', signedInAs: 'Signed in as' },
  users: { administrator: 'Demo administrator (no access policy)', clinician: 'Dr. June Kassulke (clinician)', 'front-desk': 'Front desk', billing: 'Billing office' },
  accessLog: 'Who accessed this record',
  themes: { light: 'Light', dark: 'Dark', 'high-contrast': 'High contrast', auto: 'Follow the system' },
  dateStyles: { clinical: 'Clinical (04-Apr-1972)', locale: "The locale's own" },
  timeStyles: { '24h': '24-hour clock', locale: "The locale's clock" },
  settingsNote: 'Applied at once and kept in this browser.',
  note: "Synthetic Synthea patients and practitioners (Apache-2.0), imported on first run into this browser's IndexedDB. The practitioners' diaries (free 20-minute slots this week, 09:00–12:00 and 14:00–17:00 in the clinic's time zone when the data was seeded), the four booked appointments and the care teams they make (each patient with the doctor of their appointment) are synthetic, made up when the data is seeded.",
  licence: 'Licence',
  incoming: {
    intro: 'Records from another organisation: an HL7 v2 message, a C-CDA document or a FHIR Bundle. Read them, confirm whose they are, reconcile the medications, allergies and problems, and add the rest to the chart.',
    sample: 'A sample',
    samples: {
      discharge: 'Discharge summary from Community Health and Hospitals (C-CDA)',
      lab: 'Lab result from IA Public Health Lab (HL7 v2 ORU^R01)',
      admission: 'Admission (HL7 v2 ADT^A01)',
    },
    file: 'or a file',
    paste: 'or paste the text',
    read: 'Read the records',
    reading: 'Reading…',
    arrived: 'What arrived',
    format: { hl7v2: 'HL7 v2 message', ccda: 'C-CDA document', 'fhir-json': 'FHIR Bundle' },
    from: (source) => `from ${source}`,
    unknownSource: 'from an organisation it does not name',
    about: 'About',
    records: 'Records',
    matchHeading: 'Whose records are these?',
    matching: 'Looking for the patient…',
    classification: {
      match: 'One patient in this clinic matches.',
      'possible-match': 'Possible matches: check them and choose, or add a new patient.',
      'no-match': 'No patient in this clinic matches.',
    },
    candidate: (name, birthDate, score) => `${name}, born ${birthDate} (score ${score})`,
    byIdentifier: 'same identifier',
    outcome: { agree: 'agrees', partial: 'partly agrees', disagree: 'disagrees', missing: 'not compared' },
    fields: { identifier: 'Identifier', family: 'Family name', given: 'Given name', birthDate: 'Birth date', gender: 'Sex', postalCode: 'Postal code', addressLine: 'Address', phone: 'Phone' },
    newPatient: 'None of these: add as a new patient',
    chooseFirst: 'Choose the patient first.',
    continue: 'Continue',
    addedNew: (count) => `Added as a new patient, with ${count} records.`,
    openChart: 'Open the chart',
    reconcileHeading: (name) => `Reconcile with the chart of ${name}`,
    othersHeading: 'The other records',
    others: (count) => `${count} other records (results, visits, immunizations, procedures…) are not reconciled: they are added as they are, with their source.`,
    noOthers: 'Nothing else arrived.',
    addOthers: (count) => `Add the ${count} other records to the chart`,
    addedOthers: (count) => `Added ${count} records to the chart.`,
    failed: (message) => `Could not finish: ${message}`,
  },
};

const spanish: PortalText = {
  title: 'Clínica de demostración Chartwell',
  nav: 'Portal',
  pages: { patients: 'Pacientes', chart: 'Historia clínica', schedule: 'Agenda', billing: 'Facturación', incoming: 'Registros recibidos', settings: 'Ajustes' },
  reset: 'Restablecer los datos de demostración',
  loading: 'Cargando los pacientes de ejemplo…',
  importing: (bundle, bundles) => `Importando el Bundle de ejemplo ${bundle} de ${bundles}…`,
  imported: 'Pacientes de ejemplo importados en este navegador (IndexedDB).',
  loaded: 'Pacientes de ejemplo cargados desde este navegador (IndexedDB).',
  loadFailed: (message) => `No se pudieron cargar los datos de demostración: ${message}`,
  resetFailed: (message) => `No se pudieron restablecer los datos de demostración: ${message}`,
  blocked: 'Cierre las otras pestañas de la demostración para terminar la actualización de la base de datos.',
  progress: 'Importando los pacientes de ejemplo',
  noPatient: 'Aún no hay paciente elegido: elija uno en la página Pacientes.',
  choosePatient: 'Elija un paciente',
  patient: 'Paciente',
  noDiary: 'Ningún profesional tiene agenda en este almacén todavía.',
  settings: { locale: 'Idioma y región', timeZone: 'Zona horaria de la clínica', theme: 'Tema', dateStyle: 'Fechas', timeStyle: 'Horas', signedInAs: 'Sesión iniciada como' },
  users: { administrator: 'Administrador de la demostración (sin política de acceso)', clinician: 'Dra. June Kassulke (médica)', 'front-desk': 'Recepción', billing: 'Facturación' },
  accessLog: 'Quién ha accedido a esta historia',
  themes: { light: 'Claro', dark: 'Oscuro', 'high-contrast': 'Alto contraste', auto: 'Según el sistema' },
  dateStyles: { clinical: 'Clínico (04-Apr-1972)', locale: 'El de la región' },
  timeStyles: { '24h': 'Reloj de 24 horas', locale: 'El reloj de la región' },
  settingsNote: 'Se aplican al momento y se guardan en este navegador.',
  note: 'Pacientes y profesionales sintéticos de Synthea (Apache-2.0), importados la primera vez en el IndexedDB de este navegador. Las agendas (huecos libres de 20 minutos esta semana, de 09:00 a 12:00 y de 14:00 a 17:00 en la zona horaria de la clínica al cargar los datos), las cuatro citas reservadas y los equipos de atención que forman (cada paciente con el médico de su cita) son sintéticos, creados al cargar los datos.',
  licence: 'Licencia',
  incoming: {
    intro: 'Registros de otra organización: un mensaje HL7 v2, un documento C-CDA o un Bundle FHIR. Léalos, confirme de quién son, concilie la medicación, las alergias y los problemas, y añada el resto a la historia clínica.',
    sample: 'Un ejemplo',
    samples: {
      discharge: 'Informe de alta de Community Health and Hospitals (C-CDA)',
      lab: 'Resultado de laboratorio de IA Public Health Lab (HL7 v2 ORU^R01)',
      admission: 'Ingreso (HL7 v2 ADT^A01)',
    },
    file: 'o un archivo',
    paste: 'o pegue el texto',
    read: 'Leer los registros',
    reading: 'Leyendo…',
    arrived: 'Lo que ha llegado',
    format: { hl7v2: 'Mensaje HL7 v2', ccda: 'Documento C-CDA', 'fhir-json': 'Bundle FHIR' },
    from: (source) => `de ${source}`,
    unknownSource: 'de una organización que no se nombra',
    about: 'Paciente',
    records: 'Registros',
    matchHeading: '¿De quién son estos registros?',
    matching: 'Buscando al paciente…',
    classification: {
      match: 'Un paciente de esta clínica coincide.',
      'possible-match': 'Posibles coincidencias: revíselas y elija, o añada un paciente nuevo.',
      'no-match': 'Ningún paciente de esta clínica coincide.',
    },
    candidate: (name, birthDate, score) => `${name}, nacido el ${birthDate} (puntuación ${score})`,
    byIdentifier: 'mismo identificador',
    outcome: { agree: 'coincide', partial: 'coincide en parte', disagree: 'no coincide', missing: 'no comparado' },
    fields: { identifier: 'Identificador', family: 'Apellido', given: 'Nombre', birthDate: 'Fecha de nacimiento', gender: 'Sexo', postalCode: 'Código postal', addressLine: 'Dirección', phone: 'Teléfono' },
    newPatient: 'Ninguno: añadir como paciente nuevo',
    chooseFirst: 'Elija primero al paciente.',
    continue: 'Continuar',
    addedNew: (count) => `Añadido como paciente nuevo, con ${count} registros.`,
    openChart: 'Abrir la historia clínica',
    reconcileHeading: (name) => `Conciliar con la historia clínica de ${name}`,
    othersHeading: 'Los demás registros',
    others: (count) => `${count} registros más (resultados, visitas, vacunas, procedimientos…) no se concilian: se añaden tal cual, con su origen.`,
    noOthers: 'No ha llegado nada más.',
    addOthers: (count) => `Añadir los otros ${count} registros a la historia clínica`,
    addedOthers: (count) => `Se añadieron ${count} registros a la historia clínica.`,
    failed: (message) => `No se pudo terminar: ${message}`,
  },
};

/** The portal's words for `locale`: Spanish for `es` and its regions, else English. */
export function portalText(locale: string): PortalText {
  return locale.toLowerCase().split('-')[0] === 'es' ? spanish : english;
}
