"""The public API of khaldun.actors."""

from khaldun import actors


def test_all_is_exported():
    assert set(actors.__all__) == {"ActorResolver", "DocumentActors", "KnowledgeBase", "Mention", "acled_inter", "user_kb_dir"}
    for name in actors.__all__:
        assert hasattr(actors, name)
