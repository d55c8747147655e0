"""What every public page built on base.html reads besides its own content: the menus, the
contact record and the footer's statements (pages/data.py), once per content version; later
pages read the cache."""

CHROME_QUERIES = 3
