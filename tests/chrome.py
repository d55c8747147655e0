"""What every public page built on base.html reads besides its own content: the menus and
the contact record (pages/data.py), once per content version; later pages read the cache."""

CHROME_QUERIES = 2
