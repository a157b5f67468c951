-- Entries of quota changes come from the inference-service's audit outbox, as those of catalog changes come from
-- the catalog-service's: the outbox id makes copying idempotent and is where the next read of that feed starts.
ALTER TABLE audit_log ADD COLUMN inference_event_id bigint UNIQUE;
