// The portal's own words (its navigation, headings and settings), in English and Spanish. The
// widgets translate themselves (`@lit/localize`, picked by the provider's locale); this is the
// host's share, kept as small as a host's would be.

/** Every string the portal page itself shows. */
export interface PortalText {
  readonly title: string;
  readonly nav: string;
  readonly pages: Readonly<Record<'patients' | 'chart' | 'schedule' | 'billing' | 'settings', string>>;
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
  readonly settings: Readonly<Record<'locale' | 'timeZone' | 'theme' | 'dateStyle' | 'timeStyle', string>>;
  readonly themes: Readonly<Record<'light' | 'dark' | 'high-contrast' | 'auto', string>>;
  readonly dateStyles: Readonly<Record<'clinical' | 'locale', string>>;
  readonly timeStyles: Readonly<Record<'24h' | 'locale', string>>;
  readonly settingsNote: string;
  readonly note: string;
  readonly licence: string;
}

const english: PortalText = {
  title: 'Chartwell demo clinic',
  nav: 'Portal',
  pages: { patients: 'Patients', chart: 'Chart', schedule: 'Schedule', billing: 'Billing', settings: 'Settings' },
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
  settings: { locale: 'Language and region', timeZone: 'Clinic time zone', theme: 'Theme', dateStyle: 'Dates', timeStyle: 'Times' },
  themes: { light: 'Light', dark: 'Dark', 'high-contrast': 'High contrast', auto: 'Follow the system' },
  dateStyles: { clinical: 'Clinical (04-Apr-1972)', locale: "The locale's own" },
  timeStyles: { '24h': '24-hour clock', locale: "The locale's clock" },
  settingsNote: 'Applied at once and kept in this browser.',
  note: "Synthetic Synthea patients and practitioners (Apache-2.0), imported on first run into this browser's IndexedDB. The practitioners' diaries (free 20-minute slots this week, 09:00–12:00 and 14:00–17:00 in the clinic's time zone when the data was seeded) and the four booked appointments are synthetic, made up when the data is seeded.",
  licence: 'Licence',
};

const spanish: PortalText = {
  title: 'Clínica de demostración Chartwell',
  nav: 'Portal',
  pages: { patients: 'Pacientes', chart: 'Historia clínica', schedule: 'Agenda', billing: 'Facturación', settings: 'Ajustes' },
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
  settings: { locale: 'Idioma y región', timeZone: 'Zona horaria de la clínica', theme: 'Tema', dateStyle: 'Fechas', timeStyle: 'Horas' },
  themes: { light: 'Claro', dark: 'Oscuro', 'high-contrast': 'Alto contraste', auto: 'Según el sistema' },
  dateStyles: { clinical: 'Clínico (04-Apr-1972)', locale: 'El de la región' },
  timeStyles: { '24h': 'Reloj de 24 horas', locale: 'El reloj de la región' },
  settingsNote: 'Se aplican al momento y se guardan en este navegador.',
  note: 'Pacientes y profesionales sintéticos de Synthea (Apache-2.0), importados la primera vez en el IndexedDB de este navegador. Las agendas (huecos libres de 20 minutos esta semana, de 09:00 a 12:00 y de 14:00 a 17:00 en la zona horaria de la clínica al cargar los datos) y las cuatro citas reservadas son sintéticas, creadas al cargar los datos.',
  licence: 'Licencia',
};

/** The portal's words for `locale`: Spanish for `es` and its regions, else English. */
export function portalText(locale: string): PortalText {
  return locale.toLowerCase().split('-')[0] === 'es' ? spanish : english;
}
