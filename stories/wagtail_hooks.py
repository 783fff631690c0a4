from wagtail import hooks

from stories.graphql import MonthlyStoryQuery, StoriesQuery


@hooks.register("register_schema_query")
def add_stories_queries(query_mixins: list) -> None:
    query_mixins += [StoriesQuery, MonthlyStoryQuery]
