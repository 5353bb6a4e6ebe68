"""Stage 2: actor mentions. Dictionary phrases (named actors, agents) are matched over the
tokens first; the parse then combines agents with countries and resolves pronouns and
definite descriptions against the document so far."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventcoder.knowledge.files import ActorEntry, AgentEntry, Knowledge, PersonEntry
from eventcoder.pipeline.phrases import PhraseTable, doc_words, is_acronym, normalise, singular
from eventcoder.pipeline.places import PlaceLexicon, PlaceMention, part_of_other_name
from eventcoder.pipeline.triggers import is_passive, subject_of
from eventcoder.schema import Actor

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "through", "throughout", "within", "into", "toward", "towards", "between", "along", "off", "over", "via"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "any", "some", "no"})
QUANTITY_NOUNS = frozenset({"dozen", "score", "hundred", "thousand", "million", "tens", "hundreds", "thousands", "millions", "dozens", "scores"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# acts that put forward something others answer: appeals, demands, proposals, criticism, threats
CLAIMING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})


@dataclass
class Mention:
    """A dictionary match in one sentence: tokens [start, end) of the sentence doc."""

    start: int
    end: int
    named: tuple[ActorEntry, ...] = ()
    agent: AgentEntry | None = None
    people: tuple[PersonEntry, ...] = ()


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


@dataclass
class Salient:
    """An actor reference remembered for coreference."""

    sentence: int
    token: int
    subject: bool
    actors: list[Actor]
    plural: bool
    category: str  # organisation, country, person, group, people, agent
    head_word: str = ""  # lemma of the mention's head noun ("minister"), for "the ministers"


@dataclass
class DocumentContext:
    """What the actor stage remembers across the sentences of one document."""

    text: str
    date: str | None = None
    lead: list[Actor] | None = None
    persons: dict[str, Actor] = field(default_factory=dict)  # surname -> the person named earlier
    places: list[PlaceMention] = field(default_factory=list)  # places named so far, in order
    focus: PlaceMention | None = None  # the dateline's place, when the story has one
    events: list = field(default_factory=list)  # events coded so far, for "the raid", "the killings"
    history: list[Salient] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)

    def main_country(self) -> str | None:
        if not self.countries:
            return None
        (code, count), *rest = self.countries.most_common(2)
        if rest and rest[0][1] == count:
            return None
        return code


class ActorResolver:
    """Turns the head token of an argument into a list of actors, for one parsed sentence."""

    def __init__(
        self,
        lexicon: ActorLexicon,
        doc: Doc,
        offset: int,
        sentence_index: int,
        context: DocumentContext,
        place_lexicon: PlaceLexicon | None = None,
        mentions: list[Mention] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.gazetteer = place_lexicon.gazetteer if place_lexicon is not None else None
        self.doc = doc
        self.offset = offset
        self.sentence_index = sentence_index
        self.context = context
        # the caller may pass the dictionary matches it already made on this very doc
        self.mentions = list(mentions) if mentions is not None else lexicon.mentions(doc)
        self.places: list[PlaceMention] = []
        if place_lexicon is not None:
            # the countries this sentence names count as in play when its places are resolved
            in_play = Counter(context.countries)
            in_play.update(self._named_countries())
            self.places = place_lexicon.mentions(doc, [c for c, _ in in_play.most_common()])
            self.places += self._countries_as_places(place_lexicon)
        self.place_at = {i: p for p in self.places for i in range(p.start, p.end)}
        self._agree_places_with_countries()
        self.by_token: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention
        self._cache: dict[tuple[int, str], list[Actor]] = {}

    def _countries_as_places(self, place_lexicon: PlaceLexicon) -> list[PlaceMention]:
        """A country the actor dictionaries know by a name the gazetteer lacks ("in central
        Bosnia", "in Burma") is still a place."""
        taken = {i for p in self.places for i in range(p.start, p.end)}
        extra = []
        for mention in self.mentions:
            if not mention.named or any(i in taken for i in range(mention.start, mention.end)):
                continue
            entry = self._choose_entry(mention)
            if entry.kind == "country" and entry.code:
                try:
                    place = place_lexicon.gazetteer.country(entry.code)
                except KeyError:
                    continue
                text = self.doc[mention.start : mention.end].text
                extra.append(PlaceMention(mention.start, mention.end, text, place, f"country {entry.origin}"))
        return extra

    def _agree_places_with_countries(self) -> None:
        """A country the actor dictionaries name ("Congo" read as COD in this story) is the
        same country as a place."""
        starts = {m.start: m for m in self.mentions if m.named}
        for place in self.places:
            mention = starts.get(place.start)
            if mention is None or mention.end != place.end:
                continue
            entry = self._choose_entry(mention)
            if entry.ambiguous and place.place.country != entry.code and place.reason.startswith("the subdivision of"):
                # "Atlanta, Georgia" in a US story: the US state, a place, not the country
                self.mentions.remove(mention)
                continue
            if entry.kind == "country" and entry.code and place.place.country != entry.code and self.gazetteer is not None:
                with contextlib.suppress(KeyError):
                    place.place, place.reason = self.gazetteer.country(entry.code), f"country named as actor {entry.code} ({entry.origin})"

    # -- public -------------------------------------------------------------------------

    def resolve(self, token: Token, role: str = "obj", follow_conjuncts: bool = True) -> list[Actor]:
        """Actors for an argument's head token (role is the pattern role that found it, kept for reasons)."""
        key = (token.i, follow_conjuncts)
        if key not in self._cache:
            self._cache[key] = self._resolve(token, role, depth=0, follow_conjuncts=follow_conjuncts)
        return self._cache[key]

    def resolve_other_party(self, token: Token, role: str = "obj") -> list[Actor]:
        """The argument's actors when its possessor is the act's own agent ("moved troops to
        its border with Poland", "renewed the mandate of its mission in Western Sahara"): the
        possessive only says the thing is the agent's own, so the other party named in the
        thing's modifiers is the one acted on."""
        return self._resolve(token, role, depth=0, follow_conjuncts=True, own_possessive=False)

    def remember(self) -> None:
        """Record this sentence's actors for later pronouns; call once per sentence."""
        self.remember_countries()
        seen: set[int] = set()
        words = doc_words(self.doc)
        for i, pos in enumerate(words.pos):
            # only a noun, a name or a pronoun heads a mention (no Token object built for the rest)
            if pos not in ("NOUN", "PROPN", "PRON") or i in seen:
                continue
            token = self.doc[i]
            if token.dep_ in ("compound", "amod"):
                continue
            mention = self.by_token.get(token.i)
            known_name = token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or token.text in self.context.persons)
            if mention is None and not known_name and normalise(token.text) not in self.lexicon.coref:
                continue
            actors = self.resolve(token, "subj" if token.dep_ in ("nsubj", "nsubjpass") else "obj", follow_conjuncts=True)
            if not actors:
                continue
            for conj in token.conjuncts:
                seen.add(conj.i)
            self._record(token, actors)
        if self.context.lead is None:
            for entry in self.context.history:
                if entry.sentence == self.sentence_index and entry.subject:
                    self.context.lead = entry.actors
                    break

    def remember_countries(self) -> None:
        """Count the countries this sentence names, as actors or through its places: the
        document's main country, which agents with no country of their own belong to. Needs
        no parse, so screened-out sentences count too."""
        # places first: "officials in Brazzaville said Congo ..." decides which Congo is meant
        for place in self.places:
            if place.place.country and not any(i in self.by_token for i in range(place.start, place.end)):
                self.context.countries[place.place.country] += 1
                self.context.places.append(place)
        for code in self._named_countries():
            self.context.countries[code] += 1

    # -- resolution ------------------------------------------------------------------------

    def _resolve(self, token: Token, role: str, depth: int, follow_conjuncts: bool, own_possessive: bool = True) -> list[Actor]:
        if depth > 4:
            return []
        actors = self._resolve_one(token, role, depth, own_possessive)
        if follow_conjuncts:
            for conj in token.conjuncts:
                if conj.i > token.i:
                    actors += self._resolve_one(conj, role, depth + 1, own_possessive)
        return _unique(actors)

    def _resolve_one(self, token: Token, role: str, depth: int, own_possessive: bool = True) -> list[Actor]:
        mention = self.by_token.get(token.i)
        if token.tag_ in ("WDT", "WP") and token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # "an opposition party that had been barred": the relative pronoun is the noun it follows
            return self._resolve(token.head.head, role, depth + 1, False)
        if token.tag_ == "PRP" and token.dep_ == "dobj" and token.lower_ in ("it", "them", "him", "her"):
            echoed = self._main_object(token)
            if echoed is not None:
                return self._resolve(echoed, role, depth + 1, True)
        named_here = mention is not None and (bool(mention.named) or bool(mention.people))
        # "the Organization of Islamic Cooperation" is a name, not the description "the organisation"
        if token.tag_ in PRONOUN_TAGS or (not named_here and self.is_definite_description(token)):
            found = self._coreference(token)
            if found or token.tag_ in PRONOUN_TAGS:
                return found
        if mention is not None and mention.named:
            actor = self._named(mention, role)
            if actor is not None:
                return [self._with_person_name(actor, token)]
        if mention is not None and mention.people:
            return [self._person(mention, token)]
        if mention is not None and mention.agent is not None:
            return self._agent(token, mention)
        if token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or token.text in self.context.persons):
            person = self._titled_person(token)
            if person is not None:
                return [person]
        # A nominal that is no actor itself ("the statements by X", "the conduct of the G-20
        # meeting", "the Indian authorities' plea"): its actor sits in a modifier.
        for child in token.children:
            if child.dep_ == "poss" and (own_possessive or child.tag_ not in PRONOUN_TAGS):
                found = self._resolve(child, "poss", depth + 1, True)
                if found:
                    return found
        if not own_possessive:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "with":  # "its border with Poland"
                    for pobj in child.children:
                        found = self._resolve(pobj, "prep:with", depth + 1, True) if pobj.dep_ == "pobj" else []
                        if found:
                            return found
        owner = self._named_modifier(token)
        if owner is not None and (mention is None or not mention.agent):
            return [owner]
        for child in token.children:
            in_chain = child.i in self.by_token or (child.dep_ == "compound" and any(g.dep_ == "compound" and g.i in self.by_token for g in child.children))
            if child.dep_ in ("compound", "amod", "nmod") and in_chain:
                found = self._resolve(child, "poss" if child.dep_ == "poss" else "compound", depth + 1, True)
                if found:
                    return found
        described = [c for c in token.children if c.dep_ in ("acl", "amod", "relcl") or c.dep_ == "prep" and c.lower_ == "behind"]
        if token.lower_ == "those" and described:
            # "those detained", "those wounded", "those responsible", "those behind the attack":
            # people the text only describes; the culprits of an act are unidentified attackers
            code = self.context.main_country()
            culprits = any(c.lower_ in ("responsible", "behind") for c in described)
            end = max(c.i for c in described) + 1 if culprits else token.i + 2
            where = f", in the document's main country ({code})" if code else ""
            if culprits:
                return [self._actor(token.i, end, code, "UAF", None, None, "the unnamed culprits of an act" + where)]
            return [self._actor(token.i, end, code, "CVL", None, None, "people described by what was done to them" + where)]
        if token.like_num and token.dep_ in ("nsubjpass", "dobj", "nsubj") and not any(c.dep_ == "prep" for c in token.children):
            # "18 were arrested", "killed 12": people the text only counts
            code = self.context.main_country()
            return [self._actor(token.i, token.i + 1, code, "CVL", None, None, "a number of people" + (f", in the document's main country ({code})" if code else ""))]
        place = self.place_at.get(token.i)
        if place is not None and mention is None and place.place.country:
            # a place acted on ("shelled Kharkiv", "raided the Jenin refugee camp") stands for its country
            return [self._actor(place.start, place.end, place.place.country, None, None, None,
                                f"place: {place.place.kind} {place.place.name} in {place.place.country} ({place.reason})")]
        if token.ent_type_ in ("PERSON", "ORG", "NORP") and token.pos_ == "PROPN":
            return [self._unknown_entity(token)]
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self._resolve(pobj, "prep:" + child.lower_, depth + 1, True)
                        if found:
                            return found
        # where it is: "homes and cars in a Palestinian village", "offices in Kabul" (a thing,
        # not an occasion: "a meeting in Geneva" is no one's in Geneva)
        if token.pos_ == "NOUN" and mention is None and normalise(token.lemma_) not in self.lexicon.event_nouns:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                    for pobj in child.children:
                        found = self._resolve(pobj, "prep:" + child.lower_, depth + 1, True) if pobj.dep_ == "pobj" else []
                        if found:
                            return found
        # the other party of a relation: "the border with Guyana", "a deal with the Maldives"
        if token.pos_ == "NOUN" and mention is None:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    for pobj in child.children:
                        found = self._resolve(pobj, "prep:with", depth + 1, True) if pobj.dep_ == "pobj" else []
                        if found:
                            return found
        # a role we do not know, with the person's name beside it ("the commission's chief,
        # Dawit Gebremedhin, said"): the named person, code unknown
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return [self._unknown_entity(child)]
        # whose it is: "homes belonging to Palestinian families", "a firm owned by the state"
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_ in ("belong", "own", "run", "operate", "control", "link", "tie", "affiliate", "ally", "loyal", "back", "support", "sponsor", "fund"):
                for prep in child.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("to", "by"):
                        for pobj in prep.children:
                            found = self._resolve(pobj, "prep:" + prep.lower_, depth + 1, True) if pobj.dep_ == "pobj" else []
                            if found:
                                return found
        # whose doing it is: "remarks made by the OIC", "a decision taken by the regional governor"
        for child in token.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            found = self._resolve(pobj, "prep:by", depth + 1, True) if pobj.dep_ == "pobj" else []
                            if found:
                                return found
        return self._act_summarised_by(token, depth)

    def _owner_in_modifiers(self, token: Token) -> list[Actor]:
        """'Amnesty's report', 'a United Nations report': a document or claim whose author is
        named in front of it is that author's, not the story's latest speaker's."""
        for child in token.children:
            if child.dep_ == "poss":
                found = self._resolve(child, "poss", 1, True)
                if found:
                    return found
        owner = self._named_modifier(token)
        return [owner] if owner is not None else []

    def _main_object(self, pronoun: Token) -> Token | None:
        """'rejected the remarks, calling them interference', 'ordered the contingent to leave,
        accusing it of ...': the object pronoun of a participle clause takes up the object of
        the verb the clause hangs on, when their number agrees."""
        verb = pronoun.head
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        found = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj") and c.tag_ not in PRONOUN_TAGS), None)
        if found is None:
            return None
        plural = found.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in found.children)
        if pronoun.lower_ in ("him", "her"):
            # a person: a name or a noun of a person's role ("an opposition campaign coordinator")
            mentions = [self.by_token.get(i) for i in range(found.left_edge.i, found.i + 1)]
            person = found.ent_type_ == "PERSON" or any(m is not None and (m.people or m.agent is not None) for m in mentions)
            return found if person and not plural else None
        return found if plural == (pronoun.lower_ == "them") else None

    def _act_summarised_by(self, token: Token, depth: int = 1) -> list[Actor]:
        """'..., a move Belgrade condemned', '..., the movement said, a claim Rabat denied', 'in
        what Taipei called a show of force': a noun set beside a clause, or a free relative
        'what', stands for that clause's act, which is the act of the clause's subject (the
        main clause: a summary follows the whole sentence, not a participle inside it)."""
        if token.lower_ == "what" and token.tag_ == "WP" and token.head.pos_ in ("VERB", "AUX"):
            verb = token.head.head if token.head.head.i != token.head.i else token.head
        elif token.pos_ == "NOUN" and token.dep_ in ("appos", "npadvmod") and any(c.dep_ == "relcl" for c in token.children):
            verb = token.head
        else:
            return []
        while verb.head.i != verb.i and not (verb.pos_ in ("VERB", "AUX") and (verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" for c in verb.children))):
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.i == token.head.i and token.lower_ == "what":
            return []
        subject = subject_of(verb, is_passive(verb))
        if subject is None or subject.i == token.i:
            return []
        found = self._resolve(subject, "subj", depth + 1, True)
        return [
            Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                  f"'{token.text}' stands for the act of {verb.text!r}, whose subject this is: {a.reason}", a.antecedent, a.implicit)
            for a in found
        ]

    def _person(self, mention: Mention, token: Token) -> Actor:
        date = self.context.date
        entries = sorted(mention.people, key=lambda e: (e.in_office(date), e.end or "9999", e.start), reverse=True)
        entry = entries[0]
        when = f"{entry.start or '?'} to {entry.end or 'now'}"
        note = "" if entry.in_office(date) else f"; not in this role on {date}, latest role used"
        actor = self._actor(mention.start, mention.end, entry.code, entry.sector, entry.org, entry.name,
                            f"person {entry.origin}: {entry.role} ({when}){note}")
        self._remember_person(self.doc[mention.end - 1].text, actor)
        return actor

    def _titled_person(self, token: Token) -> Actor | None:
        """A name with a title before it ("Foreign Minister Jane Roe") or an apposition after it
        ("Jane Roe, a separatist leader"), or a surname named earlier in the document."""
        ent = next((e for e in self.doc.ents if e.start <= token.i < e.end and e.label_ == "PERSON"), None)
        name_start, name_end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
        title = None
        for i in range(name_start - 1, max(-1, name_start - 6), -1):
            mention = self.by_token.get(i)
            if mention is not None and mention.agent is not None and mention.end == name_start:
                title = mention
                break
        appositive = next((c for c in token.children if c.dep_ == "appos" and c.i in self.by_token and self.by_token[c.i].agent), None)
        if title is None and appositive is None:
            remembered = self.context.persons.get(token.text)
            if remembered is None:
                return None
            actor = self._actor(name_start, name_end, remembered.code, remembered.sector, remembered.org, remembered.name,
                                f"surname of {remembered.name} named earlier")
            actor.antecedent = {"text": remembered.text, "start": remembered.start, "end": remembered.end}
            return actor
        role_head = self.doc[title.end - 1] if title is not None else appositive
        role_mention = title if title is not None else self.by_token[appositive.i]
        base = self._agent(role_head, role_mention)[0]
        start = min(title.start, name_start) if title is not None else name_start
        left = self._left_edge(self.doc[title.end - 1], title) if title is not None else start
        start = min(start, left)
        name = self.doc[name_start:name_end].text
        actor = self._actor(start, name_end, base.code, base.sector, base.org, name, f"named person with role: {base.reason}")
        self._remember_person(self.doc[name_end - 1].text, actor)
        return actor

    def _remember_person(self, surname: str, actor: Actor) -> None:
        if surname[:1].isupper():
            self.context.persons[surname] = actor

    def _named_modifier(self, token: Token) -> Actor | None:
        """'a Panama-flagged cargo ship', 'two Serbian-run municipal offices', 'Saudi oil
        facilities': a thing named by whose it is; it stands for that country or organisation."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        for i in range(token.left_edge.i, token.i):
            mention = self.by_token.get(i)
            if mention is not None and mention.named:
                entry = self._choose_entry(mention)
                if entry.kind in ("country", "demonym", "igo", "ngo", "group", "body") and entry.code:
                    start = min(t.i for t in token.lefts if t.dep_ != "det") if any(t.dep_ != "det" for t in token.lefts) else token.i
                    org = entry.org if entry.kind in ("igo", "ngo", "group", "body") else None
                    return self._actor(start, token.i + 1, entry.code, None, org, None,
                                       f"a thing of {entry.kind} {entry.origin}, named in its modifiers")
        return None

    def _named(self, mention: Mention, role: str) -> Actor | None:
        entry = self._choose_entry(mention)
        if entry.kind == "demonym":
            # A bare demonym as argument head ("the Pakistanis") is the people of that country.
            head = self.doc[mention.end - 1]
            where = self.context.main_country()
            if any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in head.children) and where and where != entry.code:
                # "three ethnic Serbs" arrested in a Kosovo story: people of that origin who live
                # in the story's country, not the state of that name
                return self._actor(mention.start, mention.end, where, "CVL", None, entry.name,
                                   f"ethnic demonym {entry.origin}, living in the document's main country ({where})")
            return self._actor(mention.start, mention.end, entry.code, "CVL", None, entry.name, f"demonym {entry.origin}")
        if entry.kind == "capital" and is_locative(self.doc[mention.end - 1]):
            return None  # a capital after "in", "at", "near" ... is a place ("talks in Islamabad")
        reason = f"{entry.kind} {entry.origin}"
        return self._actor(mention.start, mention.end, entry.code, entry.sector, entry.org, entry.name if entry.kind == "people" else None, reason)

    def choose_entry(self, mention: Mention) -> ActorEntry:
        """The reading of a named mention that fits the document (Congo as COD or COG)."""
        return self._choose_entry(mention)

    def _choose_entry(self, mention: Mention) -> ActorEntry:
        if len(mention.named) == 1:
            return mention.named[0]
        in_play = self.context.countries
        return max(mention.named, key=lambda e: (in_play.get(e.code, 0), e.kind != "demonym"))

    def _agent(self, head: Token, mention: Mention) -> list[Actor]:
        agent = mention.agent
        assert agent is not None
        head_token = self.doc[mention.end - 1] if head.i < mention.start or head.i >= mention.end else head
        left = self._left_edge(head_token, mention)
        # 1. a demonym, country or organisation modifying the noun ("Indian police", "UN envoy");
        #    a conjunct shares it ("the Indian political leaders as well as senior officers")
        for owner_head in (head_token, *[c for c in head_token.conjuncts if c.i < head_token.i]):
            modifier = self._modifier_mention(owner_head, mention)
            if modifier is not None:
                entry = self._choose_entry(modifier)
                code, reason = entry.code, f"agent {agent.origin} + {entry.kind} {entry.origin}"
                if owner_head.i != head_token.i:
                    reason += " (shared with a conjunct)"
                if code is None and entry.kind == "demonym":
                    located = self._located_in(owner_head) or next(filter(None, (self._located_in(c) for c in owner_head.conjuncts)), None)
                    if located is not None:
                        # "Muslim men and boys from Srebrenica": where they are from, before the dateline
                        code = located[0]
                        reason += f"; a people with no state of its own, located by {located[1]}"
                    else:
                        code = self.context.main_country()
                        reason += f"; a people with no state of its own, located by the document's main country ({code})"
                org = entry.org if entry.kind in ("igo", "ngo", "group", "body") else None
                return [self._actor(left, mention.end, code, agent.sector, org, None, reason)]
        # 2. a possessor ("Pakistan's foreign ministry")
        for child in head_token.children:
            if child.dep_ == "poss":
                owners = self._resolve(child, "poss", 1, True)
                if owners:
                    return [self._combine(agent, owner, head_token, mention, "possessive") for owner in owners]
        # 3. an "of"/"from" phrase, distributed over a list ("officials of Pakistan and Niger")
        owners = self._of_phrase(head_token)
        if not owners:
            for conj in list(head_token.conjuncts):
                owners = self._of_phrase(conj)
                if owners:
                    break
        if owners:
            return [self._combine(agent, owner, head_token, mention, "'of' phrase") for owner in owners]
        # 4. a definite description points back to the same noun or sector ("the ministers")
        if self._definite(head_token):
            antecedent = self._agent_antecedent(head_token, agent)
            if antecedent is not None:
                span_start = self.offset + self.doc[self._phrase_start(head_token).i].idx
                span_end = self.offset + head_token.idx + len(head_token.text)
                return [
                    Actor(self.context.text[span_start:span_end], span_start, span_end, a.code, a.sector, a.org, a.name,
                          f"definite description ({agent.origin}) -> earlier {a.text!r}: {a.reason}",
                          antecedent=a.antecedent or {"text": a.text, "start": a.start, "end": a.end})
                    for a in antecedent.actors
                ]
        # 5. where they are ("police in Sri Lanka's Northern Province", "protesters in the Iraqi city of Basra")
        located = self._located_in(head_token)
        counted = head_token.head.head if head_token.dep_ in ("pobj", "conj") and head_token.head.lower_ == "of" else None
        if located is None and counted is not None and (counted.like_num or counted.lemma_ in QUANTITY_NOUNS):
            # "thousands of men and boys from Srebrenica": the count carries where they are from
            located = self._located_in(counted)
        if located is not None:
            code, how = located
            return [self._actor(left, mention.end, code, agent.sector, None, None, f"agent {agent.origin} + located in {how}")]
        # 6. the document's main country
        code = self.context.main_country()
        reason = f"agent {agent.origin}" + (" + document country" if code else ", no country")
        return [self._actor(left, mention.end, code, agent.sector, None, None, reason)]

    def _modifier_mention(self, head: Token, own: Mention) -> Mention | None:
        for child in head.lefts:
            for i in range(child.left_edge.i, child.right_edge.i + 1):
                modifier = self.by_token.get(i)
                if modifier is not None and modifier.named and (modifier.start, modifier.end) != (own.start, own.end):
                    return modifier
        return None

    def _definite(self, head: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in head.children)

    def _agent_antecedent(self, head: Token, agent: AgentEntry) -> Salient | None:
        """The actor a definite agent ("the ministers", "the envoy") points back to: the same
        noun first, else the same sector; this sentence, then up to three sentences back,
        subjects before other mentions."""
        word = _head_word(head)
        for entry in self._recent(head, sentences_back=6):
            if entry.category != "person" and entry.head_word == word:
                return entry
        for entry in self._recent(head, sentences_back=3):
            if entry.category != "person" and any(a.sector == agent.sector and a.code for a in entry.actors):
                return entry
        return None

    def _recent(self, token: Token, sentences_back: int = 3) -> list[Salient]:
        """Earlier mentions in salience order: this sentence (subjects first, nearest first),
        then each earlier sentence, most recent first, subjects before other mentions."""
        here = [e for e in self.context.history if e.sentence == self.sentence_index and e.token < token.i]
        ordered = sorted(here, key=lambda e: (not e.subject, -e.token))
        for sentence in range(self.sentence_index - 1, max(-1, self.sentence_index - 1 - sentences_back), -1):
            entries = [e for e in self.context.history if e.sentence == sentence]
            ordered += sorted(entries, key=lambda e: (not e.subject, e.token))
        return ordered

    def _located_in(self, head: Token) -> tuple[str, str] | None:
        """(country, reason) from where the agent is: "police in Mombasa", "a court in Lahore"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "from"):
                for i in range(child.i + 1, child.right_edge.i + 1):
                    mention = self.by_token.get(i)
                    if mention is not None and mention.named:
                        entry = self._choose_entry(mention)
                        if entry.code and entry.kind in ("country", "demonym", "capital"):
                            return entry.code, f"{entry.kind} {entry.origin}"
                    place = self.place_at.get(i)
                    if place is not None and place.place.country:
                        return place.place.country, f"place {place.place.name} ({place.reason})"
        return None

    def _of_phrase(self, head: Token) -> list[Actor]:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (pobj.i in self.by_token and self.by_token[pobj.i].named):
                        return self._resolve(pobj, "prep:of", 1, True)
                    if pobj.dep_ == "pobj" and pobj.i in self.by_token and self.by_token[pobj.i].agent is not None:
                        # "delegations from the country's rival parliaments": an owner that is
                        # itself an agent counts when its own country is stated, not guessed
                        found = self._resolve(pobj, "prep:of", 1, True)
                        if found and all(a.code and "document country" not in a.reason and "no country" not in a.reason for a in found):
                            return found
        return []

    def _combine(self, agent: AgentEntry, owner: Actor, head: Token, mention: Mention, how: str) -> Actor:
        start, end = owner.start, owner.end
        sector = agent.sector
        if owner.code in ("IGO", "NGO"):
            # an office of an organisation ("Secretary General of the OIC") speaks for it
            start = min(start, self.offset + self.doc[self._left_edge(head, mention)].idx)
            sector = owner.sector
        actor = Actor(
            text=self.context.text[start:end],
            start=start,
            end=end,
            code=owner.code,
            sector=sector,
            org=owner.org,
            name=owner.name,
            reason=f"agent {agent.origin} + {how} {owner.reason}",
            antecedent=owner.antecedent,
        )
        return self._with_person_name(actor, head)

    def _with_person_name(self, actor: Actor, head: Token) -> Actor:
        for child in head.children:
            known = self.by_token.get(child.i)
            known_person = known is not None and bool(known.people)
            if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or known_person):
                span = self.doc[child.left_edge.i : child.right_edge.i + 1]
                ents = [e for e in self.doc.ents if e.label_ == "PERSON" and e.start <= child.i < e.end]
                if ents:
                    name_span = ents[0]
                elif known_person:
                    name_span = self.doc[known.start : known.end]  # a name in the people files
                else:
                    name_span = span
                actor.name = name_span.text
                end = self.offset + name_span.end_char
                if end > actor.end and actor.start <= self.offset + head.idx:
                    actor.end = end
                    actor.text = self.context.text[actor.start : actor.end]
        return actor

    def _left_edge(self, head: Token, mention: Mention) -> int:
        start = mention.start
        for child in head.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "nummod") and child.left_edge.i < start:
                start = child.left_edge.i
        return start

    def _unknown_entity(self, token: Token) -> Actor:
        ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
        label = ent.label_ if ent is not None else token.ent_type_
        return self._actor(start, end, None, None, None, self.doc[start:end].text if label == "PERSON" else None, f"unknown {label} entity (not in the dictionaries)")

    # -- coreference ----------------------------------------------------------------------

    def is_definite_description(self, token: Token) -> bool:
        phrase = self._description_phrase(token)
        return phrase is not None

    def _description_phrase(self, token: Token) -> str | None:
        words = [normalise(c.text) for c in token.lefts if c.dep_ in ("compound", "amod", "nummod")]
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in token.children):
            return None  # "a claim Rabat denied", "a declaration of war": a new thing, not one named before
        if not any(c.dep_ == "det" for c in token.children) and token.pos_ != "PRON":
            # without an article only a multi-word description refers back ("urged member states")
            phrase = " ".join([*words, normalise(token.text)])
            return phrase if words and phrase in self.lexicon.coref else None
        for candidate in (" ".join([*words, normalise(token.text)]), normalise(token.text), normalise(token.lemma_)):
            if candidate in self.lexicon.coref:
                return candidate
        return None

    def _coreference(self, token: Token) -> list[Actor]:
        phrase = normalise(token.text) if token.tag_ in PRONOUN_TAGS else self._description_phrase(token)
        if phrase is None or phrase not in self.lexicon.coref:
            return []
        refers, number = self.lexicon.coref[phrase]
        if refers in ("issuer", "claim"):
            # "remarks made by the OIC", "..., an allegation the rebels rejected"
            issuer = self._issued_by(token) or self._owner_in_modifiers(token) or self._act_summarised_by(token)
            if issuer:
                return issuer
        if refers == "claim":
            return self._claimant(token, phrase)
        antecedent = self._antecedent(token, refers, number)
        if antecedent is None:
            return []
        mention_span = (self.offset + token.idx, self.offset + token.idx + len(token.text))
        if token.tag_ not in PRONOUN_TAGS:
            mention_span = (self.offset + self._phrase_start(token).idx, mention_span[1])
        resolved = []
        for actor in antecedent.actors:
            resolved.append(
                Actor(
                    text=self.context.text[mention_span[0] : mention_span[1]],
                    start=mention_span[0],
                    end=mention_span[1],
                    code=actor.code,
                    sector=actor.sector,
                    org=actor.org,
                    name=actor.name,
                    reason=f"coreference ({phrase!r} -> {refers}): {actor.reason}",
                    antecedent=actor.antecedent or {"text": actor.text, "start": actor.start, "end": actor.end},
                )
            )
        return resolved

    def _claimant(self, token: Token, phrase: str) -> list[Actor]:
        """'dismissed the charges': who made them — the source of the latest accusation,
        demand or criticism coded in the story."""
        for event in reversed(self.context.events):
            if event.cameo.root in CLAIMING_ROOTS and event.source and not event.source[0].implicit:
                return [
                    Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                          f"'the {phrase}' were made by the source of the event {event.trigger.text!r}: {a.reason}", a.antecedent)
                    for a in event.source
                ]
            if event.attributed_to and not event.attributed_to[0].implicit and event.attributed_to != event.source:
                # "Human Rights Watch said detainees had been tortured. ... dismissed the report"
                return [
                    Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                          f"'the {phrase}' were made by whoever reported the event {event.trigger.text!r}: {a.reason}", a.antecedent)
                    for a in event.attributed_to
                ]
        return []

    def _phrase_start(self, token: Token) -> Token:
        return min((c for c in token.lefts if c.dep_ in ("det", "compound", "amod", "nummod")), key=lambda c: c.i, default=token)

    def _antecedent(self, token: Token, refers: str, number: str) -> Salient | None:
        if refers == "issuer":  # with no "issued by" (the caller looked): the story's lead actor
            if self.context.lead:
                return Salient(self.sentence_index, token.i, True, self.context.lead, False, "organisation")
            return None

        def fits(entry: Salient) -> bool:
            if entry.token == token.i and entry.sentence == self.sentence_index:
                return False
            if refers == "person":
                return entry.category == "person"
            if refers == "plural":
                return entry.plural and entry.category != "person"
            if refers == "organisation":
                return entry.category in ("organisation", "country", "group")
            if refers == "group":
                return entry.category == "group"
            if refers == "collective":
                return entry.category in ("organisation", "group") or (entry.plural and entry.category != "person")
            if refers == "country":
                return entry.category == "country"
            return not entry.plural and entry.category not in ("person", "people")

        own_clause = token.head.i if token.dep_ in ("nsubj", "nsubjpass") else None
        for entry in self._recent(token, sentences_back=0):
            if fits(entry) and not (own_clause is not None and entry.subject and self.doc[entry.token].head.i == own_clause):
                return entry
        earlier = [e for e in self.context.history if e.sentence < self.sentence_index]
        for subject_only in (True, False):
            for entry in reversed(earlier):
                if (entry.subject or not subject_only) and fits(entry):
                    return entry
        return None

    def _issued_by(self, token: Token) -> list[Actor] | None:
        for child in token.children:
            if child.dep_ in ("acl", "relcl"):
                for grandchild in child.children:
                    if grandchild.dep_ == "agent":
                        for pobj in grandchild.children:
                            found = self._resolve(pobj, "prep:by", 1, True)
                            if found:
                                return found
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                for pobj in child.children:
                    found = self._resolve(pobj, "prep:by", 1, True)
                    if found:
                        return found
        return None

    def _record(self, token: Token, actors: list[Actor]) -> None:
        mention = self.by_token.get(token.i)
        plural = (
            token.tag_ in ("NNS", "NNPS")
            or any(c.dep_ == "conj" for c in token.children)
            or normalise(token.text) in ("they", "them", "their", "themselves")
        )
        if mention is not None and mention.named:
            kind = self._choose_entry(mention).kind
            category = {"igo": "organisation", "ngo": "organisation", "body": "organisation", "group": "group", "country": "country", "capital": "country", "people": "people", "demonym": "people"}[kind]
            plural = plural or kind == "people"
        elif actors[0].name and (mention is None or mention.people or mention.agent):
            category = "person"
        elif actors[0].code in ("IGO", "NGO"):
            category = "organisation"
        elif actors[0].antecedent is not None:
            category = "organisation" if actors[0].code in ("IGO", "NGO") else "country" if actors[0].sector == "GOV" else "agent"
        else:
            category = "agent"
        if token.tag_ in ("NN", "NNP") and len(actors) == 1 and category == "agent" and actors[0].sector == "GOV":
            category = "country"
        self.context.history.append(
            Salient(self.sentence_index, token.i, token.dep_ in ("nsubj", "nsubjpass"), actors, plural, category, _head_word(token))
        )

    def _named_countries(self) -> Iterator[str]:
        """The country code of each named actor of the sentence, clear names before ambiguous
        ones: counted one by one, "Brazzaville ... Congo" then reads Congo as COG."""
        for mention in sorted((m for m in self.mentions if m.named), key=lambda m: all(e.ambiguous for e in m.named)):
            entry = self._choose_entry(mention)
            if entry.code and entry.code not in ("IGO", "NGO"):
                yield entry.code

    def _actor(self, start: int, end: int, code, sector, org, name, reason: str) -> Actor:
        span = self.doc[start:end]
        char_start = self.offset + span.start_char
        char_end = self.offset + span.end_char
        return Actor(self.context.text[char_start:char_end], char_start, char_end, code, sector, org, name, reason)


def is_locative(token: Token) -> bool:
    """Is this noun the object of a place preposition ("in Islamabad", "near Kabul")?"""
    while token.dep_ in ("compound", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS


def _head_word(token: Token) -> str:
    return singular(normalise(token.lemma_ or token.text))


def _reads_as_actor(doc: Doc, start: int, end: int) -> bool:
    """An ambiguous name (Niger, Jordan, Turkey, Chad, Georgia ...) is an actor only as a
    capitalised proper name that is neither a river ("the Niger river") nor part of a
    person's name ("Michael Jordan"); "roast turkey" is food."""
    if not doc[start].text[:1].isupper():
        return False
    if part_of_other_name(doc, start, end):
        return False
    return not (start > 0 and doc[start - 1].text.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr"))


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    return all(t.text[:1].isupper() or not t.is_alpha or t.is_stop for t in doc[start:end])


def _unique(actors: list[Actor]) -> list[Actor]:
    seen = set()
    result = []
    for actor in actors:
        key = (actor.start, actor.end, actor.code, actor.sector, actor.org)
        if key not in seen:
            seen.add(key)
            result.append(actor)
    return result
