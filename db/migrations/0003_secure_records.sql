-- The touch ledger is append-only; everything else here is an ordinary tenant table.
COMMENT ON TABLE touches IS 'append-only: the touch ledger, source of truth for engagement';
--> statement-breakpoint
SELECT afterview_secure_tenant_tables();
