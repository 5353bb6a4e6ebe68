"""The word lists the stages share, each defined once (in knowledge/data/words/word_lists.tsv,
where each list's note says what the rules do with it)."""

from __future__ import annotations

from eventcoder.knowledge.words import word_list

DEFINITE_DETERMINERS = word_list("definite-determiners")
INDEFINITE_DETERMINERS = word_list("indefinite-determiners")
OWN_POSSESSIVES = word_list("own-possessives")
RELATIVE_PRONOUNS = word_list("relative-pronouns")
ECHO_PRONOUNS = word_list("echo-pronouns")
PLURAL_PRONOUNS = word_list("plural-pronouns")
HONORIFICS = word_list("honorifics")
QUANTITY_NOUNS = word_list("quantity-nouns")
MODALS = word_list("modals")
ANNOUNCING_MODALS = word_list("announcing-modals")
CONDITIONAL_MARKS = word_list("conditional-marks")
CHARGE_PREPOSITIONS = word_list("charge-prepositions")
PLACE_PREPOSITIONS = word_list("place-prepositions")
SCENE_PREPOSITIONS = word_list("scene-prepositions")
CIRCUMSTANCE_PREPOSITIONS = word_list("circumstance-prepositions")
COMPLEMENT_RECIPIENT_PREPOSITIONS = word_list("complement-recipient-prepositions")
OBJECT_CONTROL_PREPOSITIONS = word_list("object-control-prepositions")
SUBJECT_CONTROL_VERBS = word_list("subject-control-verbs")
CASUALTY_VERBS = word_list("casualty-verbs")
LASTING_STATE_VERBS = word_list("lasting-state-verbs")
OWNERSHIP_PARTICIPLES = word_list("ownership-participles")
LIGHT_VERBS = word_list("light-verbs")
FORMER_WORDS = word_list("former-words")
NAME_PARTICLES = word_list("name-particles")
FAMILY_NAME_FIRST_COUNTRIES = word_list("family-name-first-countries")
