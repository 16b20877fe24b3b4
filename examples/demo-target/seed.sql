-- Bulk demo data; users are inserted first by setupDemoDatabase (their scrypt hashes are computed in code).
INSERT INTO companies (name, created_at)
SELECT 'Company ' || lpad(g::text, 4, '0'), now() - (g || ' hours')::interval
FROM generate_series(1, 1200) AS g;

-- Five units per company: 6,000 units.
INSERT INTO units (company_id, name, area_m2, rent_cents)
SELECT c.id, 'Unit ' || c.id || '-' || u, 20 + (c.id * 7 + u * 13) % 180, 50000 + ((c.id * 31 + u * 17) % 400) * 1000
FROM companies AS c CROSS JOIN generate_series(1, 5) AS u;

-- A few leases per manager (and one for the admin), on distinct units.
INSERT INTO leases (unit_id, owner_id, tenant, monthly_rent_cents)
SELECT un.id, us.id, 'Tenant ' || us.id || '-' || g, un.rent_cents
FROM users AS us
CROSS JOIN generate_series(1, 3) AS g
JOIN units AS un ON un.id = us.id * 10 + g
WHERE us.role IN ('MANAGER', 'ADMIN');

ANALYZE;
