-- Accounts cached per instance, for the bison_sync_accounts_cached gauge.
SELECT bison_instance, count(*) AS accounts FROM email_accounts_cache GROUP BY bison_instance
