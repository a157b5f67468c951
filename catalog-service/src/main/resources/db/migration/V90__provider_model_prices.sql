-- Prices of a provider model in USD per million input and output tokens, set by admins; the inference-service
-- spends users' and keys' budgets at them (null: not priced, its calls cost nothing).
ALTER TABLE provider_models ADD COLUMN input_price_per_million_usd numeric(12, 6);
ALTER TABLE provider_models ADD COLUMN output_price_per_million_usd numeric(12, 6);
