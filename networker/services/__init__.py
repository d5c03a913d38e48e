"""Use cases: each validates, then changes storage in one transaction. No Qt here."""
