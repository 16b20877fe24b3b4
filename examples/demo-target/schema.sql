-- Demo target schema. setupDemoDatabase drops and recreates everything, so it is safe to rerun.
DROP TABLE IF EXISTS leases, units, companies, users CASCADE;

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'VIEWER')),
  password_hash text NOT NULL
);

CREATE TABLE companies (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id         bigserial PRIMARY KEY,
  company_id bigint NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  name       text NOT NULL,
  area_m2    numeric(8, 2) NOT NULL,
  rent_cents bigint NOT NULL
);
CREATE INDEX units_company_id_idx ON units (company_id);

CREATE TABLE leases (
  id                 bigserial PRIMARY KEY,
  unit_id            bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  owner_id           bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant             text NOT NULL,
  monthly_rent_cents bigint NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leases_owner_id_idx ON leases (owner_id);
CREATE INDEX leases_unit_id_idx ON leases (unit_id);
