SELECT refresh_email_accounts_live()
