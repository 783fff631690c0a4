"""The district's public site: every page rendered on the server from the GraphQL queries docs/queries.md shows.

Wagtail routes an address to its page (languages under their prefix, private pages behind their
restriction); the page then asks the API for its content exactly as an outside frontend would, with its
type's query file, through the same request pipeline (limits, cache, locale fallback, preview tokens), and
renders the answer. So every page a family reads is also a working example of the API.
"""
