"""Data files shipped with khaldun (lexicons, ontology tables, knowledge base, gazetteer)."""
