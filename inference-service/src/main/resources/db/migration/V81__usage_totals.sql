-- Completions per model, all time, kept by the statement that writes the usage rows: the admin catalog list
-- reads this small table instead of grouping the whole usage table on every request.
CREATE TABLE usage_totals (
    model       text PRIMARY KEY,
    completions bigint NOT NULL
);
INSERT INTO usage_totals (model, completions) SELECT model, count(*) FROM usage GROUP BY model;
