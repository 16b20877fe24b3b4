/** Every test database is created from this template: a copy takes milliseconds, seeding takes seconds. */
export const TEMPLATE_DATABASE = 'demo_template';
/** Prefix of per-test databases, so global-setup can drop the leftovers of an aborted run. */
export const TEST_DATABASE_PREFIX = 'demo_t_';
