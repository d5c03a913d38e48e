"""SQLite through Peewee: the only layer that builds queries. No Qt here."""
