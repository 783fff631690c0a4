from wagtail import hooks

from displays.graphql import DisplayQuery


# Ahead of the content apps' hooks (order 0): the Query class lists `display` right after the public root
# fields, so the schema's field and type order stays as clients have it.
@hooks.register("register_schema_query", order=-1)
def add_display_query(query_mixins: list) -> None:
    query_mixins.append(DisplayQuery)
