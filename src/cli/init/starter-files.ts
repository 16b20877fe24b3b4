/** Editors validate opsgate.yml against the schema of the opsgate version the workflows use. */
export function schemaComment(actionRepo: string, actionRef: string): string {
  return `# yaml-language-server: $schema=https://raw.githubusercontent.com/${actionRepo}/${actionRef}/schema/opsgate.schema.json\n`;
}

/** The starter `opsgate.yml`: valid as written, target and secrets from the environment. */
export const starterConfig = `# opsgate.yml: the promises opsgate measures and gates.
# Reference: docs/config-reference.md. Values like \${NAME} come from the environment: the
# workflows' env: blocks (repository variables and secrets); \`opsgate validate\` lists what each
# check needs.
version: 1

target:
  base-url: \${OPSGATE_TARGET_URL}
  name: staging
  # Requests that change data only run where this is true and the host is allow-listed.
  allow-destructive: false

gate:
  # Unsuppressed findings at or above this severity fail the gate; lower ones warn.
  fail-on-severity: medium
  # Checks whose evidence must be present; a missing one fails the gate.
  required: []

# Each check runs when its section is present (its action skips with a notice otherwise).
# The first promise: the home page's security headers, CORS and cookie flags.
headers:
  paths: [/]

# Add the others as you go; see docs/checks/<check>.md for every option:
#   load:     k6 load profiles, p95/error-rate thresholds, regression against the PR base
#   rbac:     the role x endpoint access matrix
#   abuse:    login lockout and rate limits
#   dast:     ZAP baseline scan
#   restore:  PostgreSQL restore drill with an RTO
`;

/** The starter drill definition: every check in the standard order; approvers to fill in. */
export const starterDrill = `# The monthly drill: what it runs, in which order, and who signs it off.
# Used by .github/workflows/monthly-drill.yml.
name: monthly
description: Every promise in opsgate.yml measured against the deployed target, once a month.
# Abuse runs last: it trips login and rate limiters on purpose.
checks: [headers, load, rbac, dast, restore, abuse]
continue-on-failure: true
sign-off:
  required: true
  # GitHub logins allowed to sign off (a ticked checkbox or a \`/signoff\` comment on the drill issue).
  approvers: []
max-days-between-drills: 35
`;
