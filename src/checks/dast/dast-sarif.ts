import { lineOfKey } from '../../core/config/load-config.js';
import type { DastConfig } from '../../core/config/sections/dast.js';
import type { Evidence, Finding } from '../../core/evidence/model.js';
import { writeSarif, type SarifLocation } from '../../core/render/sarif.js';
import type { ZapReport } from '../../engines/zap/parse-zap-report.js';
import { suppressionScope } from './dast-policy.js';
import type { ScanEngine } from './scan-engine.js';
import { configInRepository } from '../config-sarif.js';

/**
 * The DAST SARIF for GitHub code scanning. A black-box scan has no source file, so each result is
 * placed where the user can act on it: the file a `dast.sarif.locations` entry maps its URL to,
 * else the line of opsgate.yml that configures the scan (or the suppression a finding is about).
 */
export async function writeDastSarif(
  o: { outDir: string; configDir: string; configFile?: string; cfg: DastConfig; engine: ScanEngine },
  e: Evidence,
  report: ZapReport,
): Promise<string> {
  const config = await configInRepository(o);
  const locate = dastLocator(o.cfg, config.rel, config.text);
  const wapiti = o.engine === 'wapiti';
  return writeSarif(
    o.outDir,
    e,
    {
      name: wapiti ? 'Wapiti (opsgate)' : 'OWASP ZAP (opsgate)',
      version: report.version,
      informationUri: wapiti ? 'https://wapiti-scanner.github.io/' : 'https://www.zaproxy.org/',
      rules: report.alerts.map((a) => ({
        id: a.alertRef,
        name: a.name,
        description: a.description,
        help: a.solution,
        ...(a.references[0] ? { helpUri: a.references[0] } : {}),
        tags: [
          ...(a.cweId ? [`external/cwe/cwe-${a.cweId}`] : []),
          wapiti ? a.pluginId : `zap-${a.pluginId}`,
        ],
      })),
    },
    { locate, informational: o.cfg.sarif.informational },
  );
}

/** Maps each finding to a repository file and line (paths relative to the repository root). */
export function dastLocator(
  cfg: DastConfig,
  configRel: string,
  configText: string,
): (f: Finding) => SarifLocation {
  const dastLine = lineOfKey(configText, ['dast']);
  const maps = cfg.sarif.locations.map((l) => ({ re: new RegExp(l.url), file: l.file, line: l.line }));
  const suppressionLines = new Map(
    cfg.suppressions.map((s, i) => [
      `dast.suppressions (${suppressionScope(s)})`,
      lineOfKey(configText, ['dast', 'suppressions', i]),
    ]),
  );
  return (f) => {
    const loc = f.location ?? '';
    const mapped = loc ? maps.find((m) => m.re.test(loc)) : undefined;
    if (mapped) return { file: mapped.file, line: mapped.line };
    const suppression = suppressionLines.get(loc);
    if (suppression) return { file: configRel, line: suppression };
    if (loc.startsWith('dast.rules-file'))
      return { file: configRel, line: lineOfKey(configText, ['dast', 'rules-file']) };
    return { file: configRel, line: dastLine };
  };
}
