"""Actors: mentions resolved to country, sector and identity.

See ``docs/actors.md``: compositional coding of a phrase
(:mod:`khaldun.actors.compose`), in-document linking
(:mod:`khaldun.actors.resolver`), the knowledge base of countries,
organisations and dated offices (:mod:`khaldun.actors.kb`), its import from
Wikidata dumps (:mod:`khaldun.actors.wikidata`) and ACLED actor types
(:mod:`khaldun.actors.acled`).
"""

from khaldun.actors.acled import acled_inter
from khaldun.actors.kb import KnowledgeBase, user_kb_dir
from khaldun.actors.resolver import ActorResolver, DocumentActors, Mention

__all__ = ["ActorResolver", "DocumentActors", "KnowledgeBase", "Mention", "acled_inter", "user_kb_dir"]
