"""Stage 3, the parse: the spaCy model run on the sentences the screen let through, with faster equivalents of its attribute ruler and lemmatizer."""
