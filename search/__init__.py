"""Site search: one SearchDocument table fed from the publishing registry, and the page.

It imports no page-type app: what a page type offers to search is read from its
``publishing.register(..., search=Search(...))`` call.
"""
