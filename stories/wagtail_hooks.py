from wagtail import hooks

from stories.graphql import StoriesQuery


@hooks.register("register_schema_query")
def add_stories_queries(query_mixins: list) -> None:
    query_mixins.append(StoriesQuery)
