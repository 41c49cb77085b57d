/** What an EHR passes to the app's launch URL: the FHIR base (`iss`) and the opaque launch id. */
export interface EhrLaunchParameters {
  readonly iss: string;
  readonly launch: string;
}

/**
 * Reads `iss` and `launch` from the URL an EHR opened the app with (SMART EHR launch). Throws a
 * TypeError naming what is missing; `iss` must be an absolute https URL (http only for loopback).
 */
export function readEhrLaunch(launchUrl: string | URL): EhrLaunchParameters {
  const url = new URL(launchUrl);
  const iss = url.searchParams.get('iss');
  const launch = url.searchParams.get('launch');
  if (!iss) throw new TypeError('EHR launch: the launch URL has no iss (the FHIR server) parameter');
  if (!launch) throw new TypeError('EHR launch: the launch URL has no launch parameter');
  let server: URL;
  try {
    server = new URL(iss);
  } catch {
    throw new TypeError(`EHR launch: iss is not an absolute URL: "${iss}"`);
  }
  const loopback = server.hostname === 'localhost' || server.hostname === '127.0.0.1' || server.hostname === '[::1]';
  if (server.protocol !== 'https:' && !(server.protocol === 'http:' && loopback)) throw new TypeError(`EHR launch: iss must use https, not "${server.protocol}"`);
  return { iss, launch };
}
