"""Sign-in, the accounts dialog, and hiding what the signed-in role may not do."""
