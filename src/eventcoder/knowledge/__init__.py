"""The coder's knowledge: data files (data/), their loaders and validators, the ontologies and the gazetteer."""
