"""Stage 10, where: the place an event happened, chosen among the sentence's places.

Reads the sentence's places (places stage), its actor mentions (which places are part of a
name or an actor), the event candidate with its actors, the document's events so far and its
dateline; writes the event's location record."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventcoder.knowledge.gazetteer import Gazetteer
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.state import Candidate, DocumentContext, PlaceMention, SentenceAnalysis, TriggerMatch
from eventcoder.pipeline.syntax import governors, is_locative
from eventcoder.pipeline.words import CIRCUMSTANCE_PREPOSITIONS, SCENE_PREPOSITIONS

# Inside the object of a scene preposition, the place may sit in these positions
# ("in the village of Beit Ummar", "in Idlib province", "in Srinagar and Jammu").
PLACE_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "conj", "cc", "det", "appos", "poss", "case", "punct", "pobj", "prep", "npadvmod", "nummod"})
FINENESS = {"city": 0, "region": 1, "admin1": 1, "country": 2}
MATERIAL_CONFLICT = 4  # GDELT quad class of roots 14-20


@dataclass
class _Places:
    """The sentence's places as one candidate event sees them."""

    free: dict[int, PlaceMention] = field(default_factory=dict)  # by token: not part of an actor
    acted_on: list[PlaceMention] = field(default_factory=list)  # inside the target ("shelled Kharkiv")
    actor_countries: list[PlaceMention] = field(default_factory=list)  # countries named as actors or owners


def choose_location(candidate: Candidate, analysis: SentenceAnalysis, context: DocumentContext, others: list[TriggerMatch],
                    gazetteer: Gazetteer, ontology: Ontology) -> dict | None:
    """Where the event happened, first rule that gives a place:

    1. a place tied to the trigger in the parse ("held in Srinagar", "clashes in Gaza"), or to
       a circumstance of it ("on the sidelines of the session in New York"), or to the verb
       that governs it; a place acted on inside it is finer ("the town of X in central Haiti");
    2. the place acted on ("shelled Kharkiv", "raided the Jenin refugee camp");
    3. where the source is ("police in Mombasa");
    4. for acts (not statements), the most precise other place named in the sentence;
    5. the country of the thing acted on ("attacks on Saudi oil facilities");
    6. for acts, a country named in the sentence as an actor or owner ("Yemen's Houthis");
    7. for conflict acts, where the story's first located act happened;
    8. the story's dateline.
    In 4, a place tied to another trigger of the sentence belongs to that event.
    A place that acts ("Islamabad rejected") is never the location."""
    places = _sort_places(candidate, analysis)
    doc, offset = analysis.doc, analysis.sentence.start
    found = _tied_in_parse(candidate, places, doc, offset)
    if found is not None:
        return found
    if places.acted_on:
        return location_record(places.acted_on[0], offset, doc, f"'{places.acted_on[0].text}' is the place acted on")
    for role, source_token in candidate.match.source_tokens[:1]:
        place = place_under(source_token, places.free)
        if place is not None:
            return location_record(place, offset, doc, f"'{place.text}' is where the source is ({role})")
    code = candidate.match.pattern.cameo
    said = ontology.in_family(code, "speech-act")
    conflict = ontology.cameo(code).quad_class == MATERIAL_CONFLICT
    found = _elsewhere_in_sentence(candidate, places, others, doc, offset, said, conflict, gazetteer)
    if found is not None:
        return found
    return _in_the_story(context, doc, conflict)


def _sort_places(candidate: Candidate, analysis: SentenceAnalysis) -> _Places:
    doc, offset = analysis.doc, analysis.sentence.start
    sorted_places = _Places()
    for place in analysis.places:
        start = offset + doc[place.start : place.end].start_char
        named = analysis.mention_at.get(place.start)
        kind = named.named[0].kind if named is not None and named.named else None
        if kind in ("igo", "ngo", "group", "body", "people"):
            continue  # part of a name ("the Contact Group on Kashmir")
        if any(a.start <= start < a.end for a in candidate.target if not a.implicit) and (
            kind is None or is_locative(doc[place.end - 1]) or any(a.start == start and a.reason.startswith("place:") for a in candidate.target)
        ):
            sorted_places.acted_on.append(place)  # "shelled Kharkiv", "sent warships around Taiwan"
        elif kind in ("capital", "country", "demonym") and not is_locative(doc[place.end - 1]):
            sorted_places.actor_countries.append(place)
        elif not any(a.start <= start < a.end for a in candidate.source + candidate.target):
            for i in range(place.start, place.end):
                sorted_places.free[i] = place
    return sorted_places


def _tied_in_parse(candidate: Candidate, places: _Places, doc: Doc, offset: int) -> dict | None:
    """Rule 1: a place on the trigger's words, in a circumstance of it, or on a verb above it."""
    for word in candidate.match.tokens:
        found = place_under(word, places.free)
        if found is not None:
            finer = [p for p in places.acted_on if p.place.country == found.place.country and _finer(p.place, found.place)]
            if finer:
                return location_record(finer[0], offset, doc, f"'{finer[0].text}' is the place acted on, inside '{found.text}'")
            return location_record(found, offset, doc, f"'{found.text}' is tied to the trigger '{word.text}'")
    head = candidate.match.head
    found = place_in_circumstance(head, places.free)
    if found is not None:
        return location_record(found, offset, doc, f"'{found.text}' is where the circumstance of '{head.text}' took place")
    for token in governors(head):
        found = place_under(token, places.free)
        if found is not None:
            return location_record(found, offset, doc, f"'{found.text}' is tied to '{token.text}', which governs the trigger")
    return None


def _elsewhere_in_sentence(candidate: Candidate, places: _Places, others: list[TriggerMatch], doc: Doc, offset: int,
                           said: bool, conflict: bool, gazetteer: Gazetteer) -> dict | None:
    """Rules 4-6: another place of the sentence, the owner of the thing acted on, a country named."""
    # a place tied to another trigger of the sentence is that event's ("a suspect wanted over
    # a shooting attack in Tel Aviv" says nothing of where the arrest was tried)
    claimed = {id(p) for other in others for word in other.tokens if (p := place_under(word, places.free)) is not None}
    free = [p for p in {id(p): p for p in places.free.values()}.values() if id(p) not in claimed]
    if not said and free:
        best = min(free, key=lambda p: (FINENESS.get(p.place.kind, 1), p.start))
        return location_record(best, offset, doc, f"'{best.text}' is the most precise place named in the same sentence")
    if conflict:
        owned = _owner_country(candidate, gazetteer)
        if owned is not None:
            return owned
    if not said and places.actor_countries:
        first = places.actor_countries[0]
        return location_record(first, offset, doc, f"'{first.text}' is the country named in the sentence")
    return None


def _in_the_story(context: DocumentContext, doc: Doc, conflict: bool) -> dict | None:
    """Rules 7-8: where the story's first located act happened, or its dateline."""
    if conflict:
        for event in context.events:
            if event.location and event.cameo.quad_class in (2, 4) and event.location.get("start", -1) >= 0:
                first = dict(event.location)
                first["reason"] = f"where the story's first located act ({event.trigger.text!r}) happened"
                return first
    if context.focus is not None:
        dateline = location_record(context.focus, 0, doc, "the story's dateline")
        start = context.text.find(context.focus.text)
        dateline.update(text=context.focus.text, start=start, end=start + len(context.focus.text) if start >= 0 else -1)
        return dateline
    return None


def _owner_country(candidate: Candidate, gazetteer: Gazetteer) -> dict | None:
    """'drone attacks on Saudi oil facilities': the thing acted on is in its owner's country."""
    owned = next((a for a in candidate.target if a.code and a.reason.startswith("a thing of")), None)
    if owned is None:
        return None
    try:
        country = gazetteer.country(owned.code)
    except KeyError:
        return None
    return {
        "text": owned.text, "start": owned.start, "end": owned.end, "name": country.name, "country": owned.code,
        "admin1": None, "lat": country.lat, "lon": country.lon, "precision": "country",
        "reason": f"the target '{owned.text}' is in {owned.code}",
    }


def _finer(place, than) -> bool:
    if than.admin1 and ";" in than.admin1 and place.admin1 and ";" not in place.admin1:
        return place.admin1 in than.admin1.split(";")  # Jenin inside the West Bank's governorates
    return FINENESS.get(place.kind, 1) < FINENESS.get(than.kind, 1)


def location_record(mention: PlaceMention, offset: int, doc: Doc, how: str) -> dict:
    place = mention.place
    span = doc[mention.start : mention.end]
    precision = {"country": "country", "admin1": "admin1", "region": "admin1"}.get(place.kind, "city")
    record = {
        "text": span.text,
        "start": offset + span.start_char,
        "end": offset + span.end_char,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "precision": precision,
        "reason": f"{how}; {mention.reason}",
    }
    if place.disputed:
        record.update(
            disputed=True,
            neutral=place.neutral or place.name,
            administered_by=place.administered_by,
            claimants=list(place.claimed_by),
            framing=place.framing,
        )
    return record


def place_under(token: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    """The place named by the object of a scene preposition hanging on `token`."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in SCENE_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _place_in_phrase(pobj, by_token)
                    if found is not None:
                        return found
    return None


def _place_in_phrase(token: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    if token.i in by_token:
        return by_token[token.i]
    if token.lower_ == "what":
        # "in what India calls Pakistan-occupied Kashmir": the name given is the place
        for i in range(token.i + 1, token.head.right_edge.i + 1):
            if i in by_token:
                return by_token[i]
    for child in sorted(token.children, key=lambda c: c.i):
        if child.dep_ in PLACE_PHRASE_DEPS and (child.dep_ != "prep" or child.lower_ in ("of", "in", "near")):
            found = _place_in_phrase(child, by_token)
            if found is not None:
                return found
    return None


def place_in_circumstance(token: Token, by_token: dict[int, PlaceMention], depth: int = 3) -> PlaceMention | None:
    """A place named further down a circumstance of the event ("met on the sidelines of the
    session in New York", "at a summit in Doha")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _nested_scene(pobj, by_token, depth)
                    if found is not None:
                        return found
    return None


def _nested_scene(noun: Token, by_token: dict[int, PlaceMention], depth: int) -> PlaceMention | None:
    if depth == 0:
        return None
    found = place_under(noun, by_token)
    if found is not None:
        return found
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "at", "during"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _nested_scene(pobj, by_token, depth - 1)
                    if found is not None:
                        return found
    return None
