"""What the article reader needs to show and store helpful / not helpful votes."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class VoteCounts(Protocol):
    """The helpful / not helpful counts of an article (``ArticleView`` has them)."""

    @property
    def helpful_count(self) -> int: ...
    @property
    def not_helpful_count(self) -> int: ...


class ArticleVoter(Protocol):
    """Stores the user's vote (one per user and article; voting again changes it)."""

    def vote(self, article_id: str, helpful: bool) -> VoteCounts: ...

    def my_vote(self, article_id: str) -> bool | None: ...
