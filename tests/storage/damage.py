"""Damaging a database file on purpose, the way a disk or a crash would."""

import struct

from tests.conftest import make_draft

GARBAGE = 0xA5


def close_at_page_of(database, name):
    """The root page of table or index ``name`` and the page size; the WAL is folded into
    the file and the connection closed, so the file on disk is the whole database."""
    page = database.execute_sql(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
    ).fetchone()[0]
    page_size = database.execute_sql("PRAGMA page_size").fetchone()[0]
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return page, page_size


def overwrite(path, offset, count):
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(bytes([GARBAGE]) * count)


def damage_root_page(database, path, name="contact"):
    """64 bytes over the page header and cell pointers of ``name``'s root page."""
    page, page_size = close_at_page_of(database, name)
    overwrite(path, (page - 1) * page_size, 64)


def damage_one_leaf_of_the_contact_table(database, path):
    """Garbage over one leaf page of the table: the contacts on it are lost, the rest
    can be reached (the root page is interior, so its right-most child is a leaf)."""
    root, page_size = close_at_page_of(database, "contact")
    header = path.read_bytes()[(root - 1) * page_size :][:12]
    assert header[0] == 0x05, "the table should span several pages"
    leaf = struct.unpack(">I", header[8:12])[0]
    overwrite(path, (leaf - 1) * page_size, page_size)


def three_hundred_contacts_one_leaf_lost(database, contacts, path):
    """300 contacts (notes and a tag each) in a file whose last table leaf is garbage."""
    for i in range(300):
        contacts.create(make_draft(given_name=f"Person{i:04d}", notes="x" * 200, tags=["kept"]))
    damage_one_leaf_of_the_contact_table(database, path)
    return path
