// One home for building a finding from the registry (its severity is the registry's, never a
// check's own idea).

import { FINDINGS } from '../../common/codes.js';

/**
 * @typedef {{ code: string, severity: 'high'|'medium'|'info', data?: Record<string, string|number|boolean|null>, fixes?: string[] }} Finding
 * @typedef {{ network: any, unlocked: boolean, account: string | null, progress: (done: number, total: number) => void }} CheckContext
 * @typedef {{ id: string, needsUnlock: boolean, run: (ctx: CheckContext) => Promise<Finding[]>, fix?: (fixId: string, finding: Finding, ctx: CheckContext) => Promise<unknown> }} Check
 */

/**
 * @param {string} code a registered finding code
 * @param {Record<string, string|number|boolean|null>} [data]
 * @param {string[]} [fixes]
 * @returns {Finding}
 */
export function finding(code, data = {}, fixes = []) {
  if (!Object.hasOwn(FINDINGS, code)) throw new Error(`unregistered finding ${code}`);
  return { code, severity: FINDINGS[code].severity, data, fixes };
}

/** A string field of a finding's data the fix acts on, or an error. @param {Finding} f @param {string} name */
export function dataString(f, name) {
  const v = f?.data?.[name];
  if (typeof v !== 'string' || !v) throw new Error(`the finding has no ${name}`);
  return v;
}
