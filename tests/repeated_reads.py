"""Querysets read again and again (the admin walk reads every table after each of its
hundreds of requests): the SQL is compiled once, each read runs it and converts the rows as
``values()`` does, so the rows are the same as a fresh ``values()`` would give.

Compiling the SQL, not running it, took most of the walk's time (~70 ms a read of ~50 tables
against ~5 ms of queries).
"""

from django.db import connections


class RepeatedValues:
    def __init__(self, queryset):
        query = queryset.query
        self.compiler = query.get_compiler(queryset.db)
        self.sql, self.params = self.compiler.as_sql()  # sets up the select and its converters
        # As ValuesIterable names a row's columns.
        self.names = list(query.selected or ()) or [
            *query.extra_select,
            *query.values_select,
            *query.annotation_select,
        ]
        self.db = queryset.db

    def __iter__(self):
        count = self.compiler.col_count
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = [row[:count] for row in cursor.fetchall()]
        for row in self.compiler.results_iter(results=[rows]):
            yield dict(zip(self.names, row, strict=True))
