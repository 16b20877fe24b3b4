import { readJsonPath } from '../../engines/http/json-path.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { answerText } from './answer-text.js';
import { FixtureError } from './fixtures.js';

/** `{identity.name}` placeholders: values captured at login, e.g. `{manager.id}`. */
export const capturePattern = /^([a-z0-9][a-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;

/**
 * Values an identity's login (or its `capture-from` page) revealed, read by JSON path once per
 * identity and run. A value that is not there is a fixture error naming the path, never a
 * literal `{manager.id}` sent to the target.
 */
export class CapturedValues {
  private readonly cache = new Map<string, Promise<Record<string, string>>>();

  constructor(private readonly client: TargetClient) {}

  /** Values for every capture placeholder among `names`; other names are ignored. */
  async valuesFor(names: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const name of names) {
      const m = capturePattern.exec(name);
      if (!m) continue;
      const values = await this.of(m[1]!);
      if (values[m[2]!] === undefined)
        throw new FixtureError(`{${name}}: identity "${m[1]}" has no capture "${m[2]}"`);
      out[name] = values[m[2]!]!;
    }
    return out;
  }

  private of(identity: string): Promise<Record<string, string>> {
    let p = this.cache.get(identity);
    if (!p) {
      p = this.read(identity);
      this.cache.set(identity, p);
    }
    return p;
  }

  private async read(identity: string): Promise<Record<string, string>> {
    const id = this.client.identity(identity);
    if (id.kind !== 'json-login' && id.kind !== 'cookie-session') return {};
    const session = await this.client.session(identity);
    let json = session.loginJson;
    if (id['capture-from']) {
      const res = await this.client.send(identity, { method: 'GET', path: id['capture-from'] });
      if (res.status < 200 || res.status >= 300)
        throw new FixtureError(
          `captures of ${identity}: GET ${id['capture-from']} answered ${answerText(res)}`,
        );
      json = res.json;
    }
    const out: Record<string, string> = {};
    for (const [name, path] of Object.entries(id.capture ?? {})) {
      const v = readJsonPath(json, path);
      if (typeof v !== 'string' && typeof v !== 'number')
        throw new FixtureError(
          `captures of ${identity}: nothing at ${path} in the ${id['capture-from'] ? `GET ${id['capture-from']}` : 'login'} response`,
        );
      out[name] = String(v);
    }
    return out;
  }
}
