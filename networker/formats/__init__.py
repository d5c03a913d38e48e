"""Files in and out (vCard, CSV): file <-> domain drafts. No Qt, no database."""
