"""Reading the dependency parse: subjects, objects, passives and clauses, shared by the
trigger, actor, event, date and place stages."""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.pipeline.words import OBJECT_CONTROL_PREPOSITIONS, PLACE_PREPOSITIONS, SUBJECT_CONTROL_VERBS

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
MODAL_TAG = "MD"
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
# links through which a trigger sits inside an argument of the word above it
NOMINAL_LINKS = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "oprd", "agent", "poss", "compound", "acl", "appos", "dative"})
# links that end the clause a word belongs to, when walking up from it
CLAUSE_BOUNDARY_DEPS = frozenset({"relcl", "acl", "ccomp", "csubj", "parataxis", "appos"})


def is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    return token.tag_ == "VBN" and token.dep_ in ("acl", "amod") and not any(c.dep_ == "aux" for c in token.children)


def subject_of(verb: Token, passive: bool) -> Token | None:
    """The acting subject: nsubj, or the 'by' agent of a passive; shared across conjoined verbs."""
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and shares_subject(verb, verb.head):
        return subject_of(verb.head, is_passive(verb.head))
    return _controller(verb)


def _controller(verb: Token) -> Token | None:
    """The subject a non-finite verb takes from the clause it depends on."""
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.pos_ == "VERB" and verb.head.lemma_ not in SUBJECT_CONTROL_VERBS:
        # "prompting thousands of people to rally", "forced residents to flee": with an object
        # before the infinitive, the object is who does it
        controller = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj") and c.i < verb.i), None)
        if controller is not None:
            return controller
    if verb.dep_ in ("xcomp", "advcl") and verb.tag_ in ("VB", "VBG") and verb.head.pos_ in ("VERB", "AUX"):
        # "X attacked the base, killing six": the controller of a non-finite clause
        return subject_of(verb.head, is_passive(verb.head))
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "the government was ready to discuss": the subject of "was ready"
        return subject_of(verb.head.head, is_passive(verb.head.head))
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.head.pos_ in ("VERB", "AUX"):
        governor = verb.head.head
        if verb.head.lower_ in OBJECT_CONTROL_PREPOSITIONS:
            # "accused Chinese forces of assaulting fishermen": the object does the act
            controller = object_of(governor, is_passive(governor))
            if controller is not None:
                return controller
        # "forces ended the siege after killing the attackers"
        return subject_of(governor, is_passive(governor))
    if verb.dep_ == "acl" and any(c.dep_ == "dobj" for c in verb.children) and verb.head.pos_ in ("NOUN", "PROPN"):
        # a participle with an object is a finite verb the parser hung on its subject
        # ("Islamist militants killed at least 15 farmers")
        return verb.head
    return None


def shares_subject(verb: Token, other: Token) -> bool:
    """Conjoined verbs share a subject only when both are finite or both non-finite alike;
    a bare infinitive conjoined to a finite verb is usually part of a complement the parser
    attached too high ("demanded of India to reverse ..., release ...")."""
    if verb.tag_ in FINITE_TAGS and other.tag_ in FINITE_TAGS:
        return True
    return verb.tag_ == other.tag_ and verb.tag_ not in ("VB",)


def same_finiteness(verb: Token, other: Token) -> bool:
    """Are both verbs finite, or both not? (A bare infinitive hung on a finite verb is not a
    conjunct of it but part of its complement.)"""
    return (verb.tag_ in FINITE_TAGS) == (other.tag_ in FINITE_TAGS)


def object_of(verb: Token, passive: bool) -> Token | None:
    if passive:
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return child
        if verb.dep_ in ("acl", "amod"):
            return verb.head
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    doc = verb.doc
    if verb.i + 2 < len(doc) and doc[verb.i + 1].dep_ == "cc" and doc[verb.i + 2].head.i == verb.i and doc[verb.i + 2].dep_ == "conj":
        # "pardoned and released 14 prisoners": two verbs joined before one object share it
        partner = doc[verb.i + 2]
        if partner.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in partner.children):
            shared = next((c for c in partner.children if c.dep_ in ("dobj", "obj")), None)
            if shared is not None:
                return shared
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in verb.children):
        # "an allegation the rebels rejected": the relative clause's object is its noun
        return verb.head
    return None


def has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def is_locative(token: Token) -> bool:
    """Is this noun the object of a place preposition ("in Islamabad", "near Kabul")?"""
    while token.dep_ in ("compound", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS


def purpose_clause(token: Token, link: str) -> bool:
    """'met in Cairo to discuss ...': an infinitive of purpose belongs to the event it follows."""
    return link in ("advcl", "acl") and token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def clause_verb(token: Token) -> Token:
    """The verb heading the clause a token belongs to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def depth(token: Token) -> int:
    """How many heads lie above the token in its sentence."""
    steps = 0
    while token.head.i != token.i:
        token = token.head
        steps += 1
    return steps


def governors(token: Token):
    """The words above a token, nearest first, up to the end of its clause (never across a
    relative, reported or appositive clause)."""
    while token.head.i != token.i and token.dep_ not in CLAUSE_BOUNDARY_DEPS:
        token = token.head
        yield token
