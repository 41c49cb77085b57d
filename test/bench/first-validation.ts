// Time to first validation: each sample is a fresh Node process (first-validation.child.mjs) that
// times, with performance.now(), its import of the validator, any set-up, and one validation.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { need } from './report.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./first-validation.child.mjs', import.meta.url));

export interface FirstValidationMode {
  /** The row label. */
  label: string;
  /** The child's mode argument. */
  mode: 'chartwell-source' | 'chartwell-bundle' | 'medplum';
  /** Node flags before the script (the TypeScript loader, for sources). */
  nodeArgs: string[];
  /** For chartwell-bundle: the built module that exports `validate`. */
  builtFile?: string;
}

export interface FirstValidationSample {
  valid: boolean;
  importMs: number;
  setupMs: number;
  validateMs: number;
  totalMs: number;
}

async function sample(mode: FirstValidationMode, bundleFile: string): Promise<FirstValidationSample> {
  const args = [...mode.nodeArgs, child, mode.mode, bundleFile, ...(mode.builtFile ? [mode.builtFile] : [])];
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 1 << 20 }));
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const cause = stderr.split('\n').find((line) => /Error/.test(line))?.trim() ?? stderr.trim().slice(0, 500);
    throw new Error(`The ${mode.mode} child process failed: ${cause}`, { cause: error });
  }
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as FirstValidationSample;
}

/**
 * `samples` timed processes per mode after one untimed one (which warms the OS file cache and
 * tsx's transform cache); modes interleaved, one process at a time, so none competes for a core.
 */
export async function measureFirstValidation(
  modes: readonly FirstValidationMode[],
  bundleFile: string,
  samples: number,
  onProgress?: (message: string) => void,
): Promise<Map<string, FirstValidationSample[]>> {
  const results = new Map(modes.map((mode) => [mode.label, [] as FirstValidationSample[]]));
  for (const mode of modes) await sample(mode, bundleFile);
  for (let round = 0; round < samples; round++) {
    const order = round % 2 === 0 ? modes : [...modes].reverse();
    for (const mode of order) need(results.get(mode.label), mode.label).push(await sample(mode, bundleFile));
    onProgress?.(`time to first validation: ${round + 1}/${samples}`);
  }
  return results;
}
