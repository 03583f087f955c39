-- The audit log is append-only for the application: entries can be written and read, never changed.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM trellis_app;
