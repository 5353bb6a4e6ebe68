"""Actor mentions: the dictionaries' named actors, people and agents matched as phrases over
a sentence's tokens (the dictionaries lead, not the parser's entities). Runs on tokens alone
for the screen, and again after the parse where a lemma adds a dictionary word."""

from __future__ import annotations

from spacy.tokens import Doc

from eventcoder.knowledge.files import ActorEntry, AgentEntry, Knowledge, PersonEntry
from eventcoder.pipeline.phrases import PhraseTable, doc_words, is_acronym
from eventcoder.pipeline.places import part_of_other_name
from eventcoder.pipeline.state import Mention
from eventcoder.pipeline.words import FAMILY_NAME_FIRST_COUNTRIES, HONORIFICS, NAME_PARTICLES


class ActorLexicon:
    """Named-actor and agent phrase tables, built once per Coder."""

    def __init__(self, knowledge: Knowledge, tokenizer) -> None:
        self.named: PhraseTable[ActorEntry] = PhraseTable()
        self.agents: PhraseTable[AgentEntry] = PhraseTable()
        self.people: PhraseTable[PersonEntry] = PhraseTable()
        self.coref = knowledge.coref
        for written, person in knowledge.people:
            self.people.add([t.text for t in tokenizer(written)], person, case_sensitive=False)
        for entry in knowledge.actors:
            words = [t.text for t in tokenizer(entry.text)]
            self.named.add(words, entry, case_sensitive=is_acronym(entry.text))
        for agent in knowledge.agents:
            self.agents.add([t.text for t in tokenizer(agent.text)], agent, case_sensitive=False)
        self.surnames = _surnames(knowledge.people)
        # nouns that head an event pattern ("meeting", "talks", "raid"): occasions, not things
        self.event_nouns = frozenset(word for pattern in knowledge.patterns if pattern.pos == "NOUN" for word in pattern.words[0])
        self.folded_vocabulary = frozenset(self.people.folded_words | self.named.folded_words | self.agents.folded_words)

    def mentions(self, doc: Doc) -> list[Mention]:
        forms = doc_words(doc).phrase_forms
        found = [Mention(m.start, m.end, people=m.payloads) for m in self.people.match(forms) if _capitalised(doc, m.start, m.end)]
        covered = {i for m in found for i in range(m.start, m.end)}
        for match in self.named.match(forms, allowed=lambda i: i not in covered):
            if any(i in covered for i in range(match.start, match.end)):
                continue
            if all(e.ambiguous for e in match.payloads) and not _reads_as_actor(doc, match.start, match.end):
                continue
            found.append(Mention(match.start, match.end, named=match.payloads))
        covered = {i for m in found for i in range(m.start, m.end)}
        parsed = doc.has_annotation("POS")
        for match in self.agents.match(forms, allowed=lambda i: i not in covered):
            if any(i in covered for i in range(match.start, match.end)):
                continue
            if parsed and doc[match.end - 1].pos_ not in ("NOUN", "PROPN"):
                continue  # "Georgia accused Russia": a verb, not "the accused"
            found.append(Mention(match.start, match.end, agent=match.payloads[-1]))
        found.sort(key=lambda m: m.start)
        return found

    def mentions_after_parse(self, doc: Doc, before: list[Mention]) -> list[Mention]:
        """The mentions of a doc just tagged, from those found on its tokens before: the same,
        unless a lemma the tokens did not show is a dictionary word, less the agents that the
        tags show are verbs ("Georgia accused Russia")."""
        words = doc_words(doc)
        vocabulary = self.folded_vocabulary
        for lemma, lower, single in zip(words.lemmas, words.lowers, words.singulars, strict=True):
            if lemma != lower and lemma != single and lemma in vocabulary:
                return self.mentions(doc)
        return [m for m in before if m.agent is None or words.pos[m.end - 1] in ("NOUN", "PROPN")]


def _surnames(people: list[tuple[str, PersonEntry]]) -> dict[str, tuple[PersonEntry, ...]]:
    """Surname -> the roles of the one person of the people files with that surname; a
    surname that two people share is left out (news then names them in full)."""
    persons: dict[str, dict[tuple, list[PersonEntry]]] = {}
    for _, entry in people:
        words = [w for w in entry.name.replace("-", " ").split() if w[:1].isupper()]
        if len(words) < 2:
            continue
        surname = words[0] if entry.code in FAMILY_NAME_FIRST_COUNTRIES else words[-1]
        # one person under two spellings of the full name ("Narendra Modi", "Narendra Damodardas
        # Modi") shares first name, surname and country
        person = (words[0], words[-1], entry.code)
        persons.setdefault(surname, {}).setdefault(person, []).append(entry)
    return {surname: tuple(next(iter(named.values()))) for surname, named in persons.items() if len(named) == 1}


def _reads_as_actor(doc: Doc, start: int, end: int) -> bool:
    """An ambiguous name (Niger, Jordan, Turkey, Chad, Georgia ...) is an actor only as a
    capitalised proper name that is neither a river ("the Niger river") nor part of a
    person's name ("Michael Jordan"); "roast turkey" is food."""
    if not doc[start].text[:1].isupper():
        return False
    if part_of_other_name(doc, start, end):
        return False
    return not (start > 0 and doc[start - 1].text.rstrip(".") in HONORIFICS)


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    """Is the span written as a name: every word capitalised, except stop words, name particles
    ("von der Leyen", "al-Halbousi", "de Lima") and the syllable after a hyphen ("Kyung-ho")?"""
    for t in doc[start:end]:
        if t.text[:1].isupper() or not t.is_alpha or t.is_stop or t.lower_ in NAME_PARTICLES:
            continue
        if t.i > start and doc[t.i - 1].text == "-" and t.i - 1 > start and doc[t.i - 2].text[:1].isupper():
            continue
        return False
    return True
