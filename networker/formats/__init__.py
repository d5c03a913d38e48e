"""Files in and out (vCard, CSV): file <-> domain drafts. No Qt, no database."""

# The files Networker offers to import (a drop, File > Import, a double-click).
IMPORTABLE_SUFFIXES = (".vcf", ".vcard", ".csv")
