"""The ``khaldun`` command line: thin skins over the library."""
