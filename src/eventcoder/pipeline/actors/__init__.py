"""Stage 5, actors: dictionary mentions, arguments resolved to actors, persons, coreference and the document's memory."""
