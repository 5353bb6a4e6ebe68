"""Stage 5, actors: the head token of an argument turned into a list of actors.

Reads the sentence's parse, its actor mentions (less those the place stage read as places),
its places and the document's memory (earlier actors, persons and countries); answers
`resolve(token, role)` for the event stage. A token is read by the first of an ordered list
of readings that applies (a pronoun, a named actor, a person, an agent, a possessor, a place
acted on, ...); persons, coreference and the memory have modules of their own."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventcoder.knowledge.files import ORGANISATION_KINDS, ActorEntry
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.actors import agents, coreference, persons
from eventcoder.pipeline.actors.entries import choose_entry
from eventcoder.pipeline.actors.lexicon import ActorLexicon
from eventcoder.pipeline.phrases import normalise
from eventcoder.pipeline.state import DocumentContext, Mention, PlaceMention
from eventcoder.pipeline.syntax import PRONOUN_TAGS, is_locative
from eventcoder.pipeline.words import ECHO_PRONOUNS, OWNERSHIP_PARTICIPLES, RELATIVE_PRONOUNS
from eventcoder.schema import Actor

MAX_DEPTH = 4  # how far one argument's reading may follow modifiers and references


class ArgumentResolver:
    """Turns the head token of an argument into a list of actors, for one parsed sentence."""

    def __init__(self, lexicon: ActorLexicon, ontology: Ontology, doc: Doc, offset: int, sentence_index: int,
                 context: DocumentContext, mentions: list[Mention], places: list[PlaceMention], mention_at: dict[int, Mention]) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.doc = doc
        self.offset = offset
        self.sentence_index = sentence_index
        self.context = context
        self.mentions = mentions
        self.places = places
        self.place_at = {i: p for p in places for i in range(p.start, p.end)}
        self.by_token = mention_at  # the mentions by token (the actor stage's index)
        self._cache: dict[tuple[int, bool], list[Actor]] = {}

    # -- public -------------------------------------------------------------------------

    def resolve(self, token: Token, role: str = "obj", follow_conjuncts: bool = True) -> list[Actor]:
        """Actors for an argument's head token (role is the pattern role that found it, kept for reasons)."""
        key = (token.i, follow_conjuncts)
        if key not in self._cache:
            self._cache[key] = self.resolve_within(token, role, depth=0, follow_conjuncts=follow_conjuncts)
        return self._cache[key]

    def resolve_other_party(self, token: Token, role: str = "obj") -> list[Actor]:
        """The argument's actors when its possessor is the act's own agent ("moved troops to
        its border with Poland", "renewed the mandate of its mission in Western Sahara"): the
        possessive only says the thing is the agent's own, so the other party named in the
        thing's modifiers is the one acted on."""
        return self.resolve_within(token, role, depth=0, follow_conjuncts=True, own_possessive=False)

    def choose_entry(self, mention: Mention) -> ActorEntry:
        """The reading of a named mention that fits the document (Congo as COD or COG)."""
        return choose_entry(mention, self.context.countries, self.context.date)

    def resolve_within(self, token: Token, role: str, depth: int, follow_conjuncts: bool, own_possessive: bool = True) -> list[Actor]:
        """`resolve` from inside another reading, `depth` steps from the argument."""
        if depth > MAX_DEPTH:
            return []
        actors = self._resolve_one(token, role, depth, own_possessive)
        if follow_conjuncts:
            for conj in token.conjuncts:
                if conj.i > token.i:
                    actors += self._resolve_one(conj, role, depth + 1, own_possessive)
        return _unique(actors)

    def actor(self, start: int, end: int, code, sector, org, name, reason: str) -> Actor:
        """An actor for tokens [start, end) of the sentence."""
        span = self.doc[start:end]
        char_start = self.offset + span.start_char
        char_end = self.offset + span.end_char
        return Actor(self.context.text[char_start:char_end], char_start, char_end, code, sector, org, name, reason)

    # -- the readings of one token, tried in order --------------------------------------

    def _resolve_one(self, token: Token, role: str, depth: int, own_possessive: bool = True) -> list[Actor]:
        mention = self.by_token.get(token.i)
        for reading in READINGS:
            found = reading(self, token, role, depth, own_possessive, mention)
            if found is not None:
                return found
        return []

    def _relative_pronoun(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # "an opposition party that had been barred": the relative pronoun is the noun it follows
        if token.tag_ in ("WDT", "WP") and token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            return self.resolve_within(token.head.head, role, depth + 1, False)
        return None

    def _echoed_object(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if token.tag_ == "PRP" and token.dep_ == "dobj" and token.lower_ in ECHO_PRONOUNS:
            echoed = coreference.main_object(self, token)
            if echoed is not None:
                return self.resolve_within(echoed, role, depth + 1, True)
        return None

    def _reference(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        named_here = mention is not None and (bool(mention.named) or bool(mention.people))
        # "the Organization of Islamic Cooperation" is a name, not the description "the organisation"
        if token.tag_ in PRONOUN_TAGS or (not named_here and coreference.is_definite_description(self, token)):
            found = coreference.coreference(self, token)
            if found or token.tag_ in PRONOUN_TAGS:
                return found
        return None

    def _named_reading(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if mention is not None and mention.named:
            actor = self._named(mention, role)
            if actor is not None:
                return [persons.with_person_name(self, actor, token)]
        return None

    def _person_reading(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if mention is not None and mention.people:
            return [persons.person(self, mention, token)]
        return None

    def _agent_reading(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if mention is not None and mention.agent is not None:
            return agents.agent_actors(self, token, mention)
        return None

    def _titled_reading(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or token.text in self.context.persons):
            person = persons.titled_person(self, token)
            if person is not None:
                return [person]
        return None

    def _surname_reading(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        """'Blinken said': a bare surname of one person of the people files, in the role held
        on the document's date."""
        # the small model often labels a lone surname ORG ("Lavrov said"); "the House" is no one
        if mention is not None or token.pos_ != "PROPN" or token.ent_type_ not in ("PERSON", "ORG", "") or token.i in self.place_at:
            return None
        roles = self.lexicon.surnames.get(token.text)
        ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        if roles is None or (ent is not None and len(ent) > 1) or any(c.dep_ == "det" for c in token.children):
            return None  # a name the files do not know, a full name of someone else, or a noun
        actor = persons.person_actor(self, roles, token.i, token.i + 1, how="surname of a person in")
        persons.remember_person(self, token.text, actor)
        return [actor]

    def _possessor(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # A nominal that is no actor itself ("the statements by X", "the conduct of the G-20
        # meeting", "the Indian authorities' plea"): its actor sits in a modifier.
        for child in token.children:
            if child.dep_ == "poss" and (own_possessive or child.tag_ not in PRONOUN_TAGS):
                found = self.resolve_within(child, "poss", depth + 1, True)
                if found:
                    return found
        return None

    def _other_party(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if not own_possessive:
            found = self._through_preposition(token, ("with",), depth)  # "its border with Poland"
            if found:
                return found
        return None

    def _owner_reading(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        owner = self.named_modifier(token)
        if owner is not None and (mention is None or not mention.agent):
            return [owner]
        return None

    def _modifier_chain(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        for child in token.children:
            in_chain = child.i in self.by_token or (child.dep_ == "compound" and any(g.dep_ == "compound" and g.i in self.by_token for g in child.children))
            if child.dep_ in ("compound", "amod", "nmod") and in_chain:
                found = self.resolve_within(child, "poss" if child.dep_ == "poss" else "compound", depth + 1, True)
                if found:
                    return found
        return None

    def _described_people(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        described = [c for c in token.children if c.dep_ in ("acl", "amod", "relcl") or c.dep_ == "prep" and c.lower_ == "behind"]
        if token.lower_ != "those" or not described:
            return None
        # "those detained", "those wounded", "those responsible", "those behind the attack":
        # people the text only describes; the culprits of an act are unidentified attackers
        code = self.context.main_country()
        culprits = any(c.lower_ in ("responsible", "behind") for c in described)
        end = max(c.i for c in described) + 1 if culprits else token.i + 2
        where = f", in the document's main country ({code})" if code else ""
        if culprits:
            return [self.actor(token.i, end, code, "UAF", None, None, "the unnamed culprits of an act" + where)]
        return [self.actor(token.i, end, code, "CVL", None, None, "people described by what was done to them" + where)]

    def _counted_people(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if token.like_num and token.dep_ in ("nsubjpass", "dobj", "nsubj") and not any(c.dep_ == "prep" for c in token.children):
            # "18 were arrested", "killed 12": people the text only counts
            code = self.context.main_country()
            return [self.actor(token.i, token.i + 1, code, "CVL", None, None, "a number of people" + (f", in the document's main country ({code})" if code else ""))]
        return None

    def _place_acted_on(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        place = self.place_at.get(token.i)
        if place is not None and mention is None and place.place.country:
            # a place acted on ("shelled Kharkiv", "raided the Jenin refugee camp") stands for its country
            return [self.actor(place.start, place.end, place.place.country, None, None, None,
                               f"place: {place.place.kind} {place.place.name} in {place.place.country} ({place.reason})")]
        return None

    def _unknown_name(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        if token.ent_type_ in ("PERSON", "ORG", "NORP") and token.pos_ == "PROPN":
            return [persons.unknown_entity(self, token)]
        return None

    def _by_of_from(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.resolve_within(pobj, "prep:" + child.lower_, depth + 1, True)
                        if found:
                            return found
        return None

    def _located_thing(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # where it is: "homes and cars in a Palestinian village", "offices in Kabul" (a thing,
        # not an occasion: "a meeting in Geneva" is no one's in Geneva)
        if token.pos_ == "NOUN" and mention is None and normalise(token.lemma_) not in self.lexicon.event_nouns:
            return self._through_preposition(token, ("in", "at"), depth) or None
        return None

    def _relation_partner(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # the other party of a relation: "the border with Guyana", "a deal with the Maldives"
        if token.pos_ == "NOUN" and mention is None:
            return self._through_preposition(token, ("with",), depth) or None
        return None

    def _appositive_person(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # a role we do not know, with the person's name beside it ("the commission's chief,
        # Dawit Gebremedhin, said"): the named person, code unknown
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return [persons.unknown_entity(self, child)]
        return None

    def _owned_by(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # whose it is: "homes belonging to Palestinian families", "a firm owned by the state"
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_ in OWNERSHIP_PARTICIPLES:
                for prep in child.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("to", "by"):
                        for pobj in prep.children:
                            found = self.resolve_within(pobj, "prep:" + prep.lower_, depth + 1, True) if pobj.dep_ == "pobj" else []
                            if found:
                                return found
        return None

    def _made_by(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        # whose doing it is: "remarks made by the OIC", "a decision taken by the regional governor"
        for child in token.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            found = self.resolve_within(pobj, "prep:by", depth + 1, True) if pobj.dep_ == "pobj" else []
                            if found:
                                return found
        return None

    def _summarised_act(self, token, role, depth, own_possessive, mention) -> list[Actor] | None:
        return coreference.act_summarised_by(self, token, depth)

    def _through_preposition(self, token: Token, prepositions: tuple[str, ...], depth: int) -> list[Actor]:
        """The first actor found in the object of one of the prepositions hanging on `token`."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                for pobj in child.children:
                    found = self.resolve_within(pobj, "prep:" + child.lower_, depth + 1, True) if pobj.dep_ == "pobj" else []
                    if found:
                        return found
        return []

    # -- named actors and agents ----------------------------------------------------------

    def _named(self, mention: Mention, role: str) -> Actor | None:
        entry = self.choose_entry(mention)
        if entry.kind == "demonym":
            # A bare demonym as argument head ("the Pakistanis") is the people of that country.
            head = self.doc[mention.end - 1]
            where = self.context.main_country()
            if any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in head.children) and where and where != entry.code:
                # "three ethnic Serbs" arrested in a Kosovo story: people of that origin who live
                # in the story's country, not the state of that name
                return self.actor(mention.start, mention.end, where, "CVL", None, entry.name,
                                  f"ethnic demonym {entry.origin}, living in the document's main country ({where})")
            return self.actor(mention.start, mention.end, entry.code, "CVL", None, entry.name, f"demonym {entry.origin}")
        if entry.kind == "capital" and is_locative(self.doc[mention.end - 1]):
            return None  # a capital after "in", "at", "near" ... is a place ("talks in Islamabad")
        reason = f"{entry.kind} {entry.origin}"
        return self.actor(mention.start, mention.end, entry.code, entry.sector, entry.org, entry.name if entry.kind == "people" else None, reason)

    def named_modifier(self, token: Token) -> Actor | None:
        """'a Panama-flagged cargo ship', 'two Serbian-run municipal offices', 'Saudi oil
        facilities': a thing named by whose it is; it stands for that country or organisation."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        for i in range(token.left_edge.i, token.i):
            mention = self.by_token.get(i)
            if mention is not None and mention.named:
                entry = self.choose_entry(mention)
                if entry.kind in ("country", "demonym", *ORGANISATION_KINDS) and entry.code:
                    start = min(t.i for t in token.lefts if t.dep_ != "det") if any(t.dep_ != "det" for t in token.lefts) else token.i
                    # a thing of an organisation acts for it ("a China Coast Guard vessel"); a
                    # thing of a country ("Saudi oil facilities") says whose it is, not who acts
                    org, sector = (entry.org, entry.sector) if entry.kind in ORGANISATION_KINDS else (None, None)
                    return self.actor(start, token.i + 1, entry.code, sector, org, None, f"a thing of {entry.kind} {entry.origin}, named in its modifiers")
        return None

# The order in which a token is read: the first reading that applies decides (an empty list
# from a pronoun's reading is final: a pronoun with no antecedent is no one else).
READINGS = (
    ArgumentResolver._relative_pronoun,
    ArgumentResolver._echoed_object,
    ArgumentResolver._reference,
    ArgumentResolver._named_reading,
    ArgumentResolver._person_reading,
    ArgumentResolver._agent_reading,
    ArgumentResolver._titled_reading,
    ArgumentResolver._surname_reading,
    ArgumentResolver._possessor,
    ArgumentResolver._other_party,
    ArgumentResolver._owner_reading,
    ArgumentResolver._modifier_chain,
    ArgumentResolver._described_people,
    ArgumentResolver._counted_people,
    ArgumentResolver._place_acted_on,
    ArgumentResolver._unknown_name,
    ArgumentResolver._by_of_from,
    ArgumentResolver._located_thing,
    ArgumentResolver._relation_partner,
    ArgumentResolver._appositive_person,
    ArgumentResolver._owned_by,
    ArgumentResolver._made_by,
    ArgumentResolver._summarised_act,
)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen = set()
    result = []
    for actor in actors:
        key = (actor.start, actor.end, actor.code, actor.sector, actor.org)
        if key not in seen:
            seen.add(key)
            result.append(actor)
    return result
