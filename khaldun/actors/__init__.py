"""Actors: mentions resolved to country, sector and identity."""

from khaldun.actors.resolver import ActorResolver, DocumentActors, acled_inter

__all__ = ["ActorResolver", "DocumentActors", "acled_inter"]
