"""Stage 6, triggers: the lexicon's event patterns matched on the dependency parse (the head
lemma first, then each further word inside the head's subtree); the pattern's roles then say
which tokens carry the source and the target.

Reads the parsed sentence; writes its trigger matches (with their role tokens) and the
patterns tried that did not match (for explain)."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Token

from eventcoder.knowledge.files import Pattern
from eventcoder.pipeline.phrases import doc_words, normalise
from eventcoder.pipeline.state import TriggerMatch
from eventcoder.pipeline.syntax import is_passive, object_of, purpose_clause, subject_of
from eventcoder.pipeline.when import CALENDAR_WORDS
from eventcoder.pipeline.words import COMPLEMENT_RECIPIENT_PREPOSITIONS, LIGHT_VERBS

WORD_WINDOW = 7  # a further trigger word must come within this many tokens of the previous one


# the coarse parts of speech a pattern's head can have
PATTERN_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}


class TriggerLexicon:
    def __init__(self, patterns: list[Pattern]) -> None:
        self.by_head: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            for head in pattern.words[0]:
                self.by_head[(head, pattern.pos)].append(pattern)
        for key in self.by_head:
            self.by_head[key].sort(key=lambda p: -p.specificity)
        self.head_words = frozenset(word for word, _ in self.by_head)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_head.values())

    def candidates(self, pos: str, forms: tuple[str, ...]) -> list[Pattern]:
        """Patterns a word with this coarse part of speech and these forms (lemma, lower case,
        singular) can head."""
        pattern_pos = PATTERN_POS.get(pos)
        if pattern_pos is None:
            return []
        found: list[Pattern] = []
        for key in dict.fromkeys(forms):
            found.extend(self.by_head.get((key, pattern_pos), ()))
        return found

    def match(self, doc: Doc) -> tuple[list[TriggerMatch], list[tuple[Token, Pattern, str]]]:
        """All trigger matches in a parsed sentence, and the patterns tried that did not match."""
        matches: list[TriggerMatch] = []
        misses: list[tuple[Token, Pattern, str]] = []
        sentence = doc_words(doc)
        forms = list(zip(sentence.lemmas, sentence.lowers, sentence.singulars, strict=True))
        present = {form for token_forms in forms for form in token_forms}
        for i, token_forms in enumerate(forms):
            if self.head_words.isdisjoint(token_forms):
                continue  # most words head no pattern: no Token object is built for them
            token = doc[i]
            best = None
            candidates = self.candidates(sentence.pos[i], token_forms)
            later = [t for t in token.subtree if t.i > token.i] if candidates else []
            for pattern in candidates:
                # most patterns of a frequent head ("say", "meet") need a word the sentence lacks
                absent = any(alternatives.isdisjoint(present) for alternatives in pattern.words[1:])
                words = None if absent else _further_words(token, pattern, later, forms)
                if words is None:
                    misses.append((token, pattern, "further trigger words not found in the head's subtree"))
                    continue
                if best is None or pattern.specificity > best.pattern.specificity:
                    best = TriggerMatch(token, [token, *words], pattern, is_passive(token))
            if best is not None:
                best.source_tokens = arguments(best, best.pattern.source, best.passive)
                best.target_tokens = arguments(best, best.pattern.target, best.passive)
                matches.append(best)
        # A word that belongs to a longer pattern's trigger does not start an event of its own
        # ("plea seeking the death penalty" is one event, not a plea and a seeking).
        covered: dict[int, TriggerMatch] = {}
        for m in matches:
            for t in m.tokens[1:]:
                # the whole compound a further word sits in ("responded with artillery fire")
                for word in (t, *(c for c in t.children if c.dep_ == "compound"), *((t.head,) if t.dep_ == "compound" else ())):
                    covered.setdefault(word.i, m)
        kept = []
        for match in matches:
            cover = covered.get(match.head.i)
            if cover is not None and cover is not match and cover.pattern.specificity >= match.pattern.specificity:
                misses.append((match.head, match.pattern, f"part of the longer trigger '{cover.pattern.text}'"))
                continue
            kept.append(match)
        return kept, misses


def _further_words(head: Token, pattern: Pattern, subtree: list[Token], forms: list[tuple[str, str, str]]) -> list[Token] | None:
    """Tokens for the pattern's further words inside `subtree` (the head's descendants after
    it); `forms[i]` is token i's (lemma, lower case, singular)."""
    found: list[Token] = []
    previous = head.i
    for alternatives in pattern.words[1:]:
        hit = None
        for token in subtree:
            if token.i <= previous or token.i - previous > WORD_WINDOW:
                continue
            if any(form in alternatives for form in forms[token.i]):
                hit = token
                break
        if hit is None and is_passive(head):
            # the object of a passive comes first ("no talks were held", "sanctions were imposed",
            # "the G-20 meeting, held in Srinagar")
            objects = [c for c in head.children if c.dep_ == "nsubjpass"]
            if head.dep_ in ("acl", "amod") and head.tag_ == "VBN":
                objects.append(head.head)
            hit = next((c for c in objects if c not in found and any(f in alternatives for f in forms[c.i])), None)
        # an object-gap relative clause has its object in the noun it modifies ("a charge the
        # ministry dismissed", "the protest that India lodged")
        object_gap = head.dep_ == "relcl" and not any(c.dep_ in ("dobj", "obj") and c.tag_ not in ("WDT", "WP") for c in head.children)
        if hit is None and object_gap and head.head not in found and any(f in alternatives for f in forms[head.head.i]):
            hit = head.head
        if hit is None:
            # a modifier just before the head ("air strike", "hunger strike")
            hit = next(
                (c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.i - c.i <= 3 and c not in found
                 and any(f in alternatives for f in forms[c.i])),
                None,
            )
            if hit is None:
                return None
        found.append(hit)
        previous = max(previous, hit.i)
    return found


def arguments(match: TriggerMatch, roles: tuple[str, ...], passive: bool) -> list[tuple[str, Token]]:
    """Candidate argument tokens for the roles, in the pattern's order of preference."""
    found: list[tuple[str, Token]] = []
    for role in roles:
        if role == "none":
            break
        if role.startswith("prep:"):
            found += [(role, token) for token in _prepositional_objects(match, role[5:])]
            continue
        found += [(role, token) for token in ROLE_FINDERS[role](match, passive) if token is not None]
    if roles is match.pattern.target and match.pattern.pos == "VERB" and "none" not in roles:
        found += _complement_recipients(match.head)
    return found


def _subject(match: TriggerMatch, passive: bool) -> list[Token | None]:
    return [subject_of(match.head, passive) if match.pattern.pos == "VERB" else None]


def _object(match: TriggerMatch, passive: bool) -> list[Token | None]:
    head = match.head
    token = object_of(head, passive)
    # the object of a further trigger word or of the complement ("threatened to attack
    # Israel", "refused to release the sailors", "readiness to attack X")
    for other in [*match.tokens[1:], *[c for c in head.children if c.dep_ in ("xcomp", "acl")]]:
        if token is not None:
            break
        if other.pos_ in ("VERB", "AUX"):
            token = object_of(other, is_passive(other))
    return [token]


def _dative(match: TriggerMatch, passive: bool) -> list[Token | None]:
    token = next((c for c in match.head.children if c.dep_ == "dative"), None)
    if token is not None and token.pos_ == "ADP":
        token = next((g for g in token.children if g.dep_ == "pobj"), None)
    return [token]


def _possessor(match: TriggerMatch, passive: bool) -> list[Token | None]:
    return [next((c for c in match.head.children if c.dep_ == "poss"), None)]


def _modifiers(match: TriggerMatch, passive: bool) -> list[Token | None]:
    """Every modifier before a noun head that is not a trigger word: "a Pakistani attack", "UN
    sanctions", and both parties of "US-China talks"."""
    head, trigger_ids = match.head, {t.i for t in match.tokens}
    return [c for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i and c.i not in trigger_ids]


def _light_subject(match: TriggerMatch, passive: bool) -> list[Token | None]:
    """'the EU imposed sanctions', 'Russia launched strikes', 'sanctions imposed by the EU':
    the subject of the light verb that carries a noun trigger."""
    verb = light_verb_of(match.head) if match.pattern.pos == "NOUN" else None
    return [subject_of(verb, is_passive(verb))] if verb is not None else []


def _light_object(match: TriggerMatch, passive: bool) -> list[Token | None]:
    """'engaged rebel fighters in a gun battle': the light verb's own object, when the noun
    trigger is in a phrase of it."""
    verb = light_verb_of(match.head) if match.pattern.pos == "NOUN" else None
    if verb is None:
        return []
    token = object_of(verb, is_passive(verb))
    return [token] if token is not None and token.i != match.head.i else []


def _purpose_object(match: TriggerMatch, passive: bool) -> list[Token | None]:
    """'police fired tear gas to disperse the protesters': the one a purpose clause acts on."""
    return [object_of(c, is_passive(c)) for c in match.head.children if purpose_clause(c, c.dep_)]


def _complement(match: TriggerMatch, passive: bool) -> list[Token | None]:
    return [_complement_subject(match.head)]


ROLE_FINDERS = {
    "subj": _subject, "obj": _object, "dative": _dative, "poss": _possessor, "compound": _modifiers, "comp-subj": _complement,
    "light-subj": _light_subject, "light-obj": _light_object, "purpose-obj": _purpose_object,
}


def light_verb_of(noun: Token) -> Token | None:
    """The light verb a noun trigger is the object or passive subject of ("launched strikes",
    "sanctions were imposed"), or whose phrase it is in ("engaged X in a gun battle")."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "launched strikes and raids"
    verb = None
    if noun.dep_ in ("dobj", "obj", "nsubjpass"):
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
    elif noun.dep_ == "acl" or noun.head.dep_ == "acl":
        verb = None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or normalise(verb.lemma_) not in LIGHT_VERBS:
        return None
    return verb


def _complement_recipients(head: Token) -> list[tuple[str, Token]]:
    """'agreed to deploy air defences to Poland and Romania': the complement's recipient."""
    found = []
    for complement in (c for c in head.children if c.dep_ in ("xcomp", "ccomp")):
        for prep in complement.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in COMPLEMENT_RECIPIENT_PREPOSITIONS:
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    found.append((f"complement prep:{prep.lower_}", pobj))
    return found


def _complement_subject(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ in ("ccomp", "xcomp", "advcl"):
            for grandchild in child.children:
                if grandchild.dep_ in ("nsubj", "nsubjpass"):
                    return grandchild
    # "urged India to repeal": the parser makes India the object and the infinitive a complement
    has_complement = any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in head.children)
    if has_complement:
        return next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
    return None


def _prepositional_objects(match: TriggerMatch, preposition: str) -> list[Token]:
    """Objects of the preposition hanging on the trigger words (the further words first:
    "imposed sanctions on X on Friday" -> X), never a date; failing those, one found further
    down the head's prepositional phrases, without entering a clause."""

    def pobj_of(prep: Token) -> Token | None:
        found = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if found is None or found.lower_ in CALENDAR_WORDS or found.ent_type_ in ("DATE", "TIME"):
            return None
        return found

    found: list[Token] = []
    light = light_verb_of(match.head) if match.pattern.pos == "NOUN" else None
    # "imposed sanctions on Russia": the light verb's prepositions are the noun's
    for owner in [*match.tokens[1:], match.tokens[0], *([light] if light is not None else [])]:
        if owner.lower_ == preposition and owner.i != match.head.i:
            pobj = pobj_of(owner)  # the preposition is itself a trigger word ("sent ships around X")
            if pobj is not None:
                found.append(pobj)
        for child in owner.children:
            if child.dep_ in ("prep", "agent", "dative", "advmod") and child.lower_ == preposition:
                pobj = pobj_of(child)  # the parser sometimes makes "around" in "around Taiwan" an adverb
                if pobj is not None:
                    found.append(pobj)
            if preposition == "by" and child.dep_ == "acl" and child.tag_ == "VBN":
                # "attacks claimed by the Houthis", "a raid carried out by special forces"
                for agent in child.children:
                    if agent.dep_ == "agent":
                        pobj = pobj_of(agent)
                        if pobj is not None:
                            found.append(pobj)
    if found or match.pattern.pos != "VERB":
        return found
    # The parser often hangs the preposition on a nearby noun instead of the verb ("met on
    # the sidelines of the session with X"): look further down, without entering a clause.
    stack = [c for c in match.head.children if c.dep_ == "prep"]
    while stack:
        prep = stack.pop(0)
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for child in noun.children:
                if child.dep_ == "prep":
                    if child.lower_ == preposition:
                        pobj = pobj_of(child)
                        if pobj is not None:
                            return [pobj]
                    stack.append(child)
    return []
