-- Quiet hours as instants, so that the ledger filters them in SQL. A chat's
-- quiet_start/quiet_end are wall-clock times in its zone; quiet_from and
-- quiet_until are the quiet hours that hold now, or else the next ones, in
-- Unix microseconds. They are computed in Go (SQLite knows no IANA zones)
-- when the settings or the zone change, and again when until passes: a
-- claim first moves every span whose until is behind it. 0 until (every row
-- after this migration) means "compute me".
ALTER TABLE chat_settings ADD COLUMN quiet_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chat_settings ADD COLUMN quiet_until INTEGER NOT NULL DEFAULT 0;
CREATE INDEX chat_settings_quiet_until ON chat_settings (quiet_until) WHERE quiet_start <> '';
