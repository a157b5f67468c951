-- The models an API key may use (issue 17): model ids, one per line; NULL = every model.
ALTER TABLE api_keys ADD COLUMN models text;
