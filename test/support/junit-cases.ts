/** One `<testcase>` of a junit.xml as a viewer reads it: name, and what it carries. */
export interface JunitCase {
  name: string;
  failure?: string;
  error?: string;
  /** The `<skipped message>`; a warning reads `warning (<severity>): …`. */
  skipped?: string;
  systemOut?: string;
}

function unescape(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The test cases of opsgate's junit.xml. opsgate writes attribute values and text with every
 * markup character escaped, so a case is found by its tags alone; anything left unescaped by a
 * bug shows up as a case that does not parse here.
 */
export function junitCases(xml: string): JunitCase[] {
  const cases: JunitCase[] = [];
  for (const m of xml.matchAll(/<testcase classname="[^"<]*" name="([^"<]*)">([\s\S]*?)<\/testcase>/g)) {
    const body = m[2]!;
    const c: JunitCase = { name: unescape(m[1]!) };
    const failure = /<failure message="[^"<]*">([^<]*)<\/failure>/.exec(body);
    if (failure) c.failure = unescape(failure[1]!);
    const error = /<error message="[^"<]*">([^<]*)<\/error>/.exec(body);
    if (error) c.error = unescape(error[1]!);
    const skipped = /<skipped message="([^"<]*)"\/>/.exec(body);
    if (skipped) c.skipped = unescape(skipped[1]!);
    const out = /<system-out>([^<]*)<\/system-out>/.exec(body);
    if (out) c.systemOut = unescape(out[1]!);
    cases.push(c);
  }
  return cases;
}
