"""Content in and out: one nested, human-editable format for relations and notices.

The format is described in docs/content-format.md. ``schema`` says which keys each object
takes, ``dates`` reads and writes the embassy's dates, ``reader`` parses files, ``loader``
validates and writes them in one transaction, ``exporter`` writes the database back out.
"""
