"""Stage 4: event records. Each trigger match is weighed in its sentence (negation, modality,
reported speech, nesting, discard contexts), its arguments are resolved to actors, and an
event carrying its evidence is built; matches that are not events are kept with the reason,
for `explain`."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventcoder.knowledge.files import DiscardCue
from eventcoder.knowledge.ontology import Ontology
from eventcoder.pipeline.actors.resolve import ActorResolver, DocumentContext, is_locative
from eventcoder.pipeline.phrases import normalise
from eventcoder.pipeline.places import PlaceMention, location_record, place_in_circumstance, place_under
from eventcoder.pipeline.triggers import CLAUSE_DEPS, TriggerMatch, is_passive, subject_of
from eventcoder.pipeline.when import DateMention, find_dates
from eventcoder.schema import Actor, Cameo, Event, EventDate, Plover, Span, make_event_id

MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can", "must", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
ANNOUNCING_MODALS = frozenset({"will", "would", "shall", "'ll"})
_WORD_RUN = re.compile(r"[\w-]+")
NEGATORS = frozenset({"not", "n't", "never", "no"})
OWN_POSSESSIVES = frozenset({"its", "their", "his", "her"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO"})
MEDIATION_CODES = frozenset({"045", "046"})
APPEAL_ROOTS = frozenset({"02", "10"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hurt"})
LASTING_STATES = frozenset({"occupy", "hold", "control", "administer", "govern", "rule"})
CHARGE_PREPOSITIONS = frozenset({"for", "of", "with"})
COERCIVE_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
REACTION_ROOTS = frozenset({"01", "05", "11", "12"})
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "08", "19"})
NOMINAL_LINKS = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "oprd", "agent", "poss", "compound", "acl", "appos", "dative"})


@dataclass
class Candidate:
    """A trigger match on its way to becoming an event, with everything explain shows."""

    match: TriggerMatch
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    source_role: str | None = None
    target_role: str | None = None
    negated: bool = False
    hypothetical: bool = False
    attributed_to: list[Actor] | None = None
    parent: Candidate | None = None
    when: DateMention | None = None
    announced: bool = False  # will, would, plans to, ready to: an intention CAMEO codes as 03x (unless dated in the future)
    delegated_by: list[Actor] | None = None  # who ordered the act ("ordered troops to ...")
    speaker: list[Actor] | None = None  # "X said ... and urged Y to ...": the appeal is X's
    cameo: str | None = None  # set when the evidence refines the pattern's code (a visit rather than a meeting)
    verdict: str = ""  # why it was or was not emitted
    emitted: bool = False
    event: Event | None = None


@dataclass
class EventSettings:
    keep_negated: bool = True
    keep_unknown_actors: bool = True


class EventBuilder:
    def __init__(
        self, ontology: Ontology, modality: dict[str, str], discards: list[DiscardCue], settings: EventSettings, intents: dict[str, str] | None = None
    ) -> None:
        self.ontology = ontology
        self.intents = intents or {}
        self.modality = modality
        self.settings = settings
        # A cue matches only as whole words, so it can only occur where the sentence has a run
        # of word characters equal to the cue's first run: cues are indexed by that run and only
        # those of the sentence's runs are tried (hundreds of regular expressions per sentence
        # otherwise cost more than the rest of the event stage).
        self._discards_by_first_run: dict[str, list[tuple[int, DiscardCue, re.Pattern]]] = defaultdict(list)
        self._discards_always: list[tuple[int, DiscardCue, re.Pattern]] = []
        for order, cue in enumerate(discards):
            pattern = re.compile(r"(?<![\w-])" + re.escape(cue.cue) + r"(?![\w-])", re.IGNORECASE)
            first = _WORD_RUN.match(cue.cue)
            if first is None or not cue.cue.isascii():
                self._discards_always.append((order, cue, pattern))
            else:
                self._discards_by_first_run[first.group().lower()].append((order, cue, pattern))

    def discard_cue(self, sentence: str) -> DiscardCue | None:
        """The first cue of the discard list that occurs in the sentence, if any."""
        tried = list(self._discards_always)
        for run in set(_WORD_RUN.findall(sentence.lower())):
            tried.extend(self._discards_by_first_run.get(run, ()))
        for _, cue, pattern in sorted(tried, key=lambda item: item[0]):
            if pattern.search(sentence):
                return cue
        return None

    def build(
        self,
        doc: Doc,
        matches: list[TriggerMatch],
        resolver: ActorResolver,
        context: DocumentContext,
        doc_id: str,
        sentence_index: int,
        sentence_start: int,
        sentence_text: str,
        publication_date: str | None,
    ) -> list[Candidate]:
        candidates = {m.head.i: Candidate(m) for m in matches}
        cue = self.discard_cue(sentence_text) if candidates else None
        dates = find_dates(doc, publication_date, sentence_text) if candidates else []
        # Inner events first: an outer event whose argument is an event takes that event's agent.
        order = sorted(candidates.values(), key=lambda c: -_depth(c.match.head))
        for candidate in order:
            if cue is not None:
                candidate.verdict = f"discarded: {cue.kind} context (cue {cue.cue!r}, {cue.origin})"
                continue
            candidate.when = _date_of(candidate.match, dates)
            if candidate.when is not None and candidate.when.future:
                candidate.hypothetical = True  # the act itself, dated when it is to happen
            self._weigh(candidate, candidates, resolver, context)
        for candidate in sorted(order, key=lambda c: c.match.head.i):
            if candidate.verdict:
                continue
            location = _location(candidate, resolver, context, [c.match for c in order if c is not candidate])
            _host_and_visitor(candidate, location, self.ontology)
            candidate.event = self._event(candidate, doc_id, sentence_index, sentence_start, sentence_text, publication_date, context)
            candidate.event.location = location
            context.events.append(candidate.event)
            candidate.emitted = True
            candidate.verdict = "emitted"
        for candidate in candidates.values():
            if candidate.emitted and candidate.parent is not None and candidate.parent.event is not None:
                candidate.event.parent_event_id = candidate.parent.event.event_id
        return sorted(candidates.values(), key=lambda c: c.match.head.i)

    # -- weighing one trigger ---------------------------------------------------------------

    def _weigh(self, candidate: Candidate, candidates: dict[int, Candidate], resolver: ActorResolver, context: DocumentContext) -> None:
        match = candidate.match
        head = match.head
        stative = self._stative(candidate)
        if stative:
            candidate.verdict = f"not an event: {stative}"
            return
        if self._reporting_only(candidate):
            candidate.verdict = "not an event: it reports what its clause says happened ('warned that funding cuts had forced ...'); only a warning of what will be done is a threat"
            return
        outer = candidates.get(head.head.i)
        if _consequence(head, outer):
            candidate.verdict = f"not an event of its own: a consequence of {outer.match.head.text!r}, whose target it gives"
            return
        if _elaboration(head, match, outer):
            candidate.verdict = f"not an event of its own: it restates {outer.match.head.text!r} ('expressed concern ..., calling it a threat')"
            return
        partner = _same_act(candidate, candidates)
        if partner is not None:
            candidate.verdict = f"not an event of its own: one act with the conjoined {partner.match.head.text!r}"
            return
        means = _named_violence(candidate, candidates)
        if means is not None:
            candidate.verdict = f"not an event of its own: the outcome of the {means.match.head.text!r} it names"
            return
        charged = _charge(head, candidates)
        if charged is not None:
            candidate.verdict = f"not an event: the charge behind {charged.match.head.text!r}"
            return
        if match.pattern.pos == "NOUN" and not (candidate.when is not None and candidate.when.future) and any(
            c.i < head.i and c.like_num and len(c.text) == 4 and c.text.isdigit() for c in head.children
        ):
            candidate.verdict = "not an event: a past event named by its year ('the 1989 crackdown')"
            return
        effect = self._embedding(candidate, candidates, resolver)
        if effect == "content":
            return
        if effect == "negate":
            candidate.negated = True
        candidate.negated = candidate.negated or self._negated(match)
        candidate.hypothetical = candidate.hypothetical or self._modal(head)
        candidate.announced = candidate.announced or any(
            c.dep_ == "aux" and normalise(c.text) in ANNOUNCING_MODALS for c in head.children
        )

        if candidate.delegated_by:
            candidate.source, candidate.source_role = candidate.delegated_by, "the one who ordered it"
        elif candidate.speaker:
            candidate.source, candidate.source_role = candidate.speaker, "the speaker of the clause it is joined to"
        for role, token in ([] if candidate.source else match.source_tokens):
            inner = self._inner_event(token, candidates, candidate)
            actors = inner.source if inner is not None else resolver.resolve(token, role)
            if actors:
                candidate.source, candidate.source_role = actors, role
                break
        own_thing = False  # the object was only the agent's own ("dropped its objections")
        for role, token in match.target_tokens:
            inner = self._inner_event(token, candidates, candidate)
            actors = inner.source if inner is not None and inner.source else resolver.resolve(token, role)
            if not actors and inner is not None:
                # "said the arrests violated a court order": the arrests told before are the police's
                earlier = _earlier_event(inner, context)
                actors = earlier.source if earlier is not None else []
            if actors and candidate.source and all(a.text.lower() in OWN_POSSESSIVES and _refers_to(a, candidate.source) for a in actors):
                # "moved troops to its border with Poland": a thing marked as the agent's own
                # is not the agent acted on; the other party in its modifiers is
                actors = [a for a in resolver.resolve_other_party(token, role) if not _refers_to(a, candidate.source)]
                own_thing = own_thing or not actors
            if actors:
                candidate.target, candidate.target_role = actors, role
                break
        if candidate.source_role == "poss" and not candidate.target and match.pattern.pos == "NOUN" and match.pattern.cameo[:2] in ("17", "18"):
            # "Imran Khan's arrest": with no "of" phrase, the possessor of an act done to
            # people is the one it was done to
            candidate.target, candidate.target_role = candidate.source, "poss (the patient)"
            candidate.source, candidate.source_role = [], None
        if not candidate.source and match.pattern.pos == "NOUN":
            same = _earlier_in_sentence(candidate, candidates)
            if same is not None:
                source = same.source or next((found for role, token in same.match.source_tokens if (found := resolver.resolve(token, role))), [])
                if source:
                    candidate.source, candidate.source_role = source, "earlier event"
                    candidate.verdict = f"refers back to the event {same.match.head.text!r} in the same sentence: not a new event"
                    return
            earlier = _earlier_event(candidate, context)
            if earlier is not None:
                candidate.source = earlier.source
                candidate.target = candidate.target or earlier.target
                candidate.source_role = "earlier event"
                candidate.verdict = f"refers back to the event {earlier.trigger.text!r} in sentence {earlier.sentence_index}: not a new event"
                return
        if not candidate.source and match.passive and normalise(head.lemma_) in CASUALTY_VERBS:
            earlier = next((e for e in reversed(context.events[-3:]) if e.cameo.root in VIOLENT_ROOTS and e.source and not e.source[0].implicit), None)
            if earlier is not None:
                # "He said two sailors were wounded" after "drones struck a naval base": the toll of that attack
                candidate.verdict = f"not a new event: the casualties of {earlier.trigger.text!r} in sentence {earlier.sentence_index}"
                return
        if not candidate.source and (candidate.parent is not None or match.passive or candidate.target_role == "poss (the patient)"):
            implicit = _implicit_agent(match.pattern.cameo, context.main_country())
            if implicit is not None:
                candidate.source, candidate.source_role = [implicit], "implicit"
        if not candidate.target:
            for child in head.children:
                inner = candidates.get(child.i)
                if inner is not None and _consequence(child, candidate):
                    for role, token in inner.match.target_tokens:
                        actors = resolver.resolve(token, role)
                        if actors:
                            candidate.target, candidate.target_role = actors, f"{role} of {child.text!r}"
                            break
        if not candidate.target and candidate.source:
            found = _target_in_clauses(candidate, resolver)
            if found is not None:
                candidate.target, candidate.target_role = found
        # a reaction to a thing, or giving up something of one's own ("dropped its objections"),
        # is aimed at whoever did the story's latest act
        reacting = (match.target_tokens or match.pattern.cameo[:2] in ("11", "12")) and match.pattern.cameo[:2] in REACTION_ROOTS
        if not candidate.target and (reacting or own_thing) and candidate.source:
            reacted_to = _reacted_to(candidate, context)
            if reacted_to is not None:
                candidate.target = [
                    Actor(a.text, a.start, a.end, a.code, a.sector, a.org, a.name,
                          f"the author of {reacted_to.trigger.text!r}, which this reacts to: {a.reason}", a.antecedent, a.implicit)
                    for a in reacted_to.source
                ]
                candidate.target_role = "reaction to the story's previous event"
        if not candidate.target and match.pattern.cameo[:2] == "14" and candidate.source:
            implicit_target = _implicit_protest_target(candidate.source, context.main_country())
            if implicit_target is not None:
                candidate.target, candidate.target_role = [implicit_target], "implicit"
        source_keys = {(a.start, a.end) for a in candidate.source}
        candidate.target = [a for a in candidate.target if (a.start, a.end) not in source_keys or a.implicit]
        if not candidate.source:
            candidate.verdict = "no source actor found (roles tried: " + ", ".join(match.pattern.source) + ")"
            return
        each_other = any(t.lower_ in ("other", "another") for _, t in match.target_tokens)
        if not candidate.target and (match.pattern.cameo[:2] in RECIPROCAL_ROOTS or each_other) and len({(a.code, a.org) for a in candidate.source}) > 1:
            # "Russia and Ukraine exchanged prisoners": each party acts on the others
            candidate.target, candidate.target_role = list(candidate.source), "reciprocal: the other parties"
        if match.pattern.pos == "NOUN" and not candidate.target and candidate.source_role in ("implicit", None):
            candidate.verdict = "noun trigger without actors attached"
            return
        if candidate.parent is not None and not candidate.target and match.pattern.cameo[:3] in MEDIATION_CODES:
            # "a swap mediated by the UAE", "talks facilitated by Malaysia": the go-between acts
            # on the parties of the event it made possible
            for role, token in candidate.parent.match.source_tokens:
                actors = [a for a in resolver.resolve(token, role) if (a.start, a.end) not in source_keys]
                if actors:
                    candidate.target, candidate.target_role = actors, f"the parties of {candidate.parent.match.head.text!r}"
                    break
        if candidate.parent is not None and not candidate.target and not _own_date(candidate):
            candidate.verdict = "nested event without a target or a date of its own: not coded"
            return
        if candidate.negated and not self.settings.keep_negated:
            candidate.verdict = "negated (dropped by setting)"
            return
        if not self.settings.keep_unknown_actors and all(a.code is None for a in candidate.source + candidate.target):
            candidate.verdict = "only unknown actors (dropped by setting)"

    def _embedding(self, candidate: Candidate, candidates: dict[int, Candidate], resolver: ActorResolver) -> str | None:
        """Walk up from the trigger: reported speech, requests and promises, plans, nesting."""
        token = candidate.match.head
        nominal_path = True  # the trigger sits inside an argument of whatever is above it
        subjectless_conjunct = False
        while token.head.i != token.i:
            parent = token.head
            link = token.dep_
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            if link == "conj" and not _same_form(token, parent) and not own_subject and token.tag_ not in FINITE_TAGS:
                link = "xcomp"  # a bare infinitive hung on a finite verb belongs to its complement
            if link == "conj":
                subjectless_conjunct = subjectless_conjunct or not own_subject
                token = parent
                continue
            outer = candidates.get(parent.i)
            if outer is not None and self._reporting_only(outer):
                outer = None
            nominal_path = nominal_path and link in NOMINAL_LINKS
            effect = self.modality.get(normalise(parent.lemma_)) if parent.pos_ in ("VERB", "AUX", "ADJ") else None
            if effect in ("content", "hypothetical") and link in ("ccomp", "parataxis") and token.i < parent.i:
                # a clause before its verb is a quotation ("Y attacked Z, X denied"), not what is asked
                effect = "report"
            clause_link = link in CLAUSE_DEPS or link in ("dobj", "pobj", "prep") and effect == "content" and token.pos_ == "VERB"
            if link in ("advcl", "acl", "relcl") and token.tag_ != "VB":
                # "rejected the remarks, calling them interference": a participle adds the
                # subject's own act; only an infinitive ("demanded of India to reverse") is
                # what is asked, promised or refused
                clause_link = clause_link and effect not in ("content", "hypothetical")
            if effect == "report" and subjectless_conjunct and link in ("ccomp", "parataxis") and candidate.match.pattern.cameo[:2] in APPEAL_ROOTS:
                # the parser joins "and urged X to ..." to the reported clause: the appeal is the speaker's
                speaker = subject_of(parent, is_passive(parent))
                if speaker is not None and candidate.speaker is None:
                    candidate.speaker = resolver.resolve(speaker, "subj") or None
            if effect == "report" and link in ("ccomp", "parataxis", "xcomp", "advcl") and outer is None:
                subject = subject_of(parent, is_passive(parent))
                if subject is not None and candidate.attributed_to is None:
                    candidate.attributed_to = resolver.resolve(subject, "subj") or None
            elif effect == "content" and clause_link:
                candidate.verdict = f"not an event: what {parent.text!r} asks, promises, threatens or refuses"
                return "content"
            elif effect == "hypothetical" and clause_link:
                candidate.hypothetical = candidate.announced = True
            elif effect == "negate" and clause_link:
                return "negate"
            elif effect == "delegate" and link in ("xcomp", "ccomp") and candidate.delegated_by is None:
                # "the president ordered troops to step up patrols": the president's act
                orderer = subject_of(parent, is_passive(parent))
                if orderer is not None:
                    candidate.delegated_by = resolver.resolve(orderer, "subj") or None
            if outer is not None and outer is not candidate and candidate.parent is None:
                fronted = link in ("ccomp", "parataxis") and token.i < parent.i
                # a clause before the verb is a statement of its own that the verb comments on
                # ("X accused Y of ..., an accusation Y denied"), not what the verb asks or does
                # "said the move was unacceptable and urged X to ...": a second verb with no
                # subject of its own, joined to the reported clause, is the speaker's own act
                speakers_act = subjectless_conjunct and self.modality.get(normalise(parent.lemma_)) == "report" and candidate.match.pattern.cameo[:2] in APPEAL_ROOTS
                if clause_link and not fronted and not speakers_act and (link in ("ccomp", "xcomp") or _purpose_clause(token, link)):
                    candidate.verdict = f"not an event: complement or purpose of the event {outer.match.head.text!r}"
                    return "content"
                if nominal_path:
                    candidate.parent = outer
            token = parent
        return None

    def _reporting_only(self, candidate: Candidate) -> bool:
        """A bare reporting verb coded as a speech act ('warn') with no addressee, whose clause
        states a fact rather than announces an act, only reports that clause."""
        match = candidate.match
        head = match.head
        if match.pattern.pos != "VERB" or match.pattern.specificity > 1 or match.target_tokens:
            return False
        if self.modality.get(normalise(head.lemma_)) != "report":
            return False
        clauses = [c for c in head.children if c.dep_ == "ccomp"]
        return bool(clauses) and not any(
            a.dep_ == "aux" and normalise(a.text) in ANNOUNCING_MODALS for c in clauses for a in c.children
        )

    def _inner_event(self, token: Token, candidates: dict[int, Candidate], outer: Candidate) -> Candidate | None:
        for probe in (token, *[c for c in token.children if c.dep_ == "acl"]):
            inner = candidates.get(probe.i)
            if inner is not None and inner is not outer and inner.match.pattern.cameo[:2] in COERCIVE_ROOTS | {"13", "11", "12"}:
                return inner
        return None

    def _stative(self, candidate: Candidate) -> str | None:
        """A participle or present-tense passive that describes a state, not an event:
        "the occupied territory", "a city besieged for years", "who is detained"."""
        match = candidate.match
        head = match.head
        if match.pattern.pos != "VERB" or head.tag_ != "VBN":
            return None
        has_agent = any(c.dep_ == "agent" for c in head.children) or any(
            # "migrants deported from the United States": a state named as the origin acts like an agent
            c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("GPE", "ORG")) for g in c.children)
            for c in head.children
        )
        if any(c.dep_ == "dobj" for c in head.children):
            return None  # a participle with an object is a finite verb misparsed ("militants killed 15 farmers")
        if head.dep_ == "amod":
            return "a participle used as an adjective describes a state"
        # the sentence's news peg ("on Saturday") does not date a participle; only a date inside it does
        own_date = candidate.when is not None and (
            any(t.i == candidate.when.anchor.i for t in head.subtree) or not candidate.when.relative
        )
        reduced_relative = head.dep_ == "acl" and 0 < head.i - head.head.i <= 3
        if reduced_relative and not has_agent and not own_date:
            return "a participle modifying a noun, with no agent and no date, describes a state"
        if head.dep_ == "acl" and normalise(head.lemma_) in LASTING_STATES and not own_date:
            return "a participle of a lasting state ('territory occupied by X') describes the state, not an act"
        aux = [c for c in head.children if c.dep_ == "auxpass"]
        if aux and all(a.tag_ in ("VBZ", "VBP") for a in aux) and not has_agent and head.dep_ == "relcl":
            return "a present-tense passive describing a state"
        return None

    def _negated(self, match: TriggerMatch) -> bool:
        head = match.head
        for child in head.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
            if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
                return True
        for word in match.tokens[1:]:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in word.children):
                return True
        return bool(head.dep_ in ("nsubjpass", "nsubj", "dobj") and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children))

    def _intent_code(self, candidate: Candidate) -> str:
        """The code to record: a cooperative act that is only announced ("said it would release
        the prisoners") is CAMEO's intent code for it (0353), per data/intent/."""
        code = candidate.cameo or candidate.match.pattern.cameo
        future = candidate.when is not None and candidate.when.future
        if not candidate.announced or future or candidate.negated or any(c.lower_ in CONDITIONAL_MARKS for c in candidate.match.head.children):
            return code
        if code[:2] in COERCIVE_ROOTS and not any(
            c.dep_ == "aux" and normalise(c.text) in ANNOUNCING_MODALS for c in candidate.match.head.children
        ):
            # force that is only tried or planned is coded as the act; a threat is a stated will to use it
            return code
        for length in range(len(code), 1, -1):
            intent = self.intents.get(code[:length])
            if intent is not None:
                return intent
        return code

    def _modal(self, head: Token) -> bool:
        for child in head.children:
            if child.dep_ == "aux" and (child.tag_ == "MD" or normalise(child.text) in MODALS):
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
        return head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in head.children)

    # -- the record -------------------------------------------------------------------------

    def _event(self, candidate: Candidate, doc_id: str, sentence_index: int, sentence_start: int, sentence_text: str, publication_date: str | None, context: DocumentContext) -> Event:
        match = candidate.match
        code = self.ontology.cameo(self._intent_code(candidate))
        if code.root in ("03", "13") and match.pattern.cameo[:2] != code.root:
            candidate.hypothetical = False  # the intention was expressed: that is the event
        first, last = match.start_token, match.end_token
        trigger_start = sentence_start + first.idx
        trigger_end = sentence_start + last.idx + len(last.text)
        attributed = candidate.attributed_to
        if candidate.parent is not None and attributed is None:
            attributed = candidate.parent.attributed_to or candidate.parent.source
        if candidate.when is not None:
            when = candidate.when.when
        elif publication_date:
            when = EventDate(publication_date, None, "day", None, "publication date")
        else:
            when = None
        mode = match.pattern.mode or code.mode
        return Event(
            event_id=make_event_id(doc_id, trigger_start, trigger_end, code.code, candidate.source, candidate.target),
            doc_id=doc_id,
            sentence_index=sentence_index,
            sentence=sentence_text,
            sentence_start=sentence_start,
            date=when.start if when else None,
            when=when,
            source=candidate.source,
            target=candidate.target,
            cameo=Cameo(code.code, code.root, code.name, code.goldstein, code.quad_class),
            plover=Plover(code.plover, mode if code.plover else None),
            trigger=Span(context.text[trigger_start:trigger_end], trigger_start, trigger_end),
            negated=candidate.negated,
            hypothetical=candidate.hypothetical,
            attributed_to=attributed,
            parent_event_id=None,
            location=None,
            rule=f"{match.pattern.origin} {match.pattern.pos.lower()} '{match.pattern.text}' (source: {candidate.source_role}, target: {candidate.target_role or 'none'})",
            confidence=_confidence(candidate),
        )


EVENT_FAMILIES = ({"18", "19", "20"}, {"17"}, {"14"}, {"16"}, {"04"}, {"05"}, {"11"}, {"12"}, {"13"})


def _target_in_clauses(candidate: Candidate, resolver: ActorResolver) -> tuple[list[Actor], str] | None:
    """Targets a pattern's roles miss, from the clauses around the trigger:

    - a threat or warning is aimed at whoever its condition is about ("warned it would
      retaliate if Finland allowed ...", "threatened to withdraw if European powers ...");
    - a violent act on things is aimed at the people of the place it names by whose it is;
    - a concession made under someone's scheme or pressure yields to them;
    - a reaction with a clause for object is aimed at what its participle names ("denied that
      ..., calling a United Nations report 'baseless propaganda'")."""
    head = candidate.match.head
    root = candidate.match.pattern.cameo[:2]
    if root == "13":
        clauses = [head, *[c for c in head.children if c.dep_ in ("ccomp", "xcomp")]]
        clauses += [g for c in clauses[1:] for g in c.children if g.dep_ in ("ccomp", "xcomp")]
        for clause in clauses:
            for child in clause.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in child.children):
                    subject = subject_of(child, is_passive(child))
                    found = resolver.resolve(subject, "subj") if subject is not None else []
                    if found:
                        return found, f"subject of the condition {child.text!r}"
    if root in COERCIVE_ROOTS - {"15", "16"}:
        # "set fire to homes and cars in a Palestinian village": a violent act on things that
        # belong to no one named is aimed at the people of the place named by whose it is
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for pobj in prep.children:
                    mention = resolver.by_token.get(pobj.i)
                    if pobj.dep_ == "pobj" and mention is not None and mention.agent is not None:
                        found = resolver.resolve(pobj, "prep:" + prep.lower_)
                        if found:
                            return found, f"prep:{prep.lower_} (whose place it is)"
    if root == "08":
        # "laid down their weapons under a government demobilisation programme", "released the
        # prisoners under pressure from Washington": one yields to whose scheme or pressure it is
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                for pobj in prep.children:
                    found = resolver.resolve(pobj, "prep:under") if pobj.dep_ == "pobj" else []
                    if found:
                        return found, "prep:under (whose scheme or pressure it is)"
    if root in REACTION_ROOTS and not any(c.dep_ in ("dobj", "obj") for c in head.children):
        for child in head.children:
            if child.dep_ == "advcl" and child.tag_ == "VBG" and any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in child.children):
                named = next((c for c in child.children if c.dep_ in ("dobj", "obj")), None)
                found = resolver.resolve(named, "obj") if named is not None else []
                if found:
                    return found, f"obj of {child.text!r}"
    return None


def _earlier_in_sentence(candidate: Candidate, candidates: dict[int, Candidate]) -> Candidate | None:
    """'detained two villagers ..., calling the detentions illegal': a definite event noun
    after a verb of the same family in its own sentence is that verb's act."""
    head = candidate.match.head
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those") for c in head.children):
        return None
    root = candidate.match.pattern.cameo[:2]
    family = next((f for f in EVENT_FAMILIES if root in f), {root})
    earlier = [c for c in candidates.values() if c is not candidate and c.match.head.i < head.i
               and c.match.pattern.pos == "VERB" and c.match.pattern.cameo[:2] in family]
    return max(earlier, key=lambda c: c.match.head.i, default=None)


def _refers_to(actor: Actor, agents: list[Actor]) -> bool:
    """Is this actor, found through a pronoun or description, the same as one of the agents?"""
    if actor.antecedent is None:
        return False
    span = (actor.antecedent.get("start"), actor.antecedent.get("end"))
    return any((a.start, a.end) == span or (a.antecedent is not None and (a.antecedent.get("start"), a.antecedent.get("end")) == span) for a in agents)


def _reacted_to(candidate: Candidate, context: DocumentContext) -> Event | None:
    """'Belgrade condemned the move' after 'Kosovo police closed two offices': a reaction to
    a thing, not a party, is aimed at whoever did the story's latest act."""
    # an opposition answering its own government reacts to another actor than itself
    own = {(a.code, a.org, a.sector) for a in candidate.source}
    for event in reversed(context.events[-4:]):
        if event.source and not event.source[0].implicit and not own & {(a.code, a.org, a.sector) for a in event.source}:
            return event
    return None


def _earlier_event(candidate: Candidate, context: DocumentContext) -> Event | None:
    """'condemned the raid' after 'troops raided the camp': a definite event noun with no agent
    of its own is the happening already coded; it lends its agent, and is not coded again."""
    head = candidate.match.head
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children):
        return None
    root = candidate.match.pattern.cameo[:2]
    family = next((f for f in EVENT_FAMILIES if root in f), {root})
    for event in reversed(context.events):
        if event.cameo.root in family and event.source and not event.source[0].implicit:
            return event
    return None


def _location(candidate: Candidate, resolver: ActorResolver, context: DocumentContext, others: list[TriggerMatch] = ()) -> dict | None:
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
    doc, offset = resolver.doc, resolver.offset
    by_token: dict[int, PlaceMention] = {}  # free places: not part of an actor
    target_places: list[PlaceMention] = []
    actor_countries: list[PlaceMention] = []
    for place in resolver.places:
        start = offset + doc[place.start : place.end].start_char
        named = resolver.by_token.get(place.start)
        kind = named.named[0].kind if named is not None and named.named else None
        if kind in ("igo", "ngo", "group", "body", "people"):
            continue  # part of a name ("the Contact Group on Kashmir")
        if any(a.start <= start < a.end for a in candidate.target if not a.implicit) and (
            kind is None or is_locative(doc[place.end - 1]) or any(a.start == start and a.reason.startswith("place:") for a in candidate.target)
        ):
            target_places.append(place)  # "shelled Kharkiv", "sent warships around Taiwan"
        elif kind in ("capital", "country", "demonym") and not is_locative(doc[place.end - 1]):
            actor_countries.append(place)
        elif not any(a.start <= start < a.end for a in candidate.source + candidate.target):
            for i in range(place.start, place.end):
                by_token[i] = place

    def record(place: PlaceMention, why: str) -> dict:
        return location_record(place, offset, doc, why)

    root = candidate.match.pattern.cameo[:2]
    statement = root in ("01", "02") or "10" <= root <= "13"
    for word in candidate.match.tokens:
        found = place_under(word, by_token)
        if found is not None:
            finer = [p for p in target_places if p.place.country == found.place.country and _finer(p.place, found.place)]
            if finer:
                return record(finer[0], f"'{finer[0].text}' is the place acted on, inside '{found.text}'")
            return record(found, f"'{found.text}' is tied to the trigger '{word.text}'")
    found = place_in_circumstance(candidate.match.head, by_token)
    if found is not None:
        return record(found, f"'{found.text}' is where the circumstance of '{candidate.match.head.text}' took place")
    token = candidate.match.head
    while token.head.i != token.i and token.dep_ not in ("relcl", "acl", "ccomp", "csubj", "parataxis", "appos"):
        token = token.head
        found = place_under(token, by_token)
        if found is not None:
            return record(found, f"'{found.text}' is tied to '{token.text}', which governs the trigger")
    if target_places:
        return record(target_places[0], f"'{target_places[0].text}' is the place acted on")
    for role, source_token in candidate.match.source_tokens[:1]:
        found = place_under(source_token, by_token)
        if found is not None:
            return record(found, f"'{found.text}' is where the source is ({role})")
    # a place tied to another trigger of the sentence is that event's ("a suspect wanted over
    # a shooting attack in Tel Aviv" says nothing of where the arrest was tried)
    claimed = {id(p) for other in others for word in other.tokens if (p := place_under(word, by_token)) is not None}
    free = [p for p in {id(p): p for p in by_token.values()}.values() if id(p) not in claimed]
    if not statement and free:
        finest = {"city": 0, "region": 1, "admin1": 1, "country": 2}
        best = min(free, key=lambda p: (finest.get(p.place.kind, 1), p.start))
        return record(best, f"'{best.text}' is the most precise place named in the same sentence")
    if root >= "14":
        owned = _owner_country(candidate, resolver)
        if owned is not None:
            return owned
    if not statement and actor_countries:
        return record(actor_countries[0], f"'{actor_countries[0].text}' is the country named in the sentence")
    if root >= "14":
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


def _owner_country(candidate: Candidate, resolver: ActorResolver) -> dict | None:
    """'drone attacks on Saudi oil facilities': the thing acted on is in its owner's country."""
    owned = next((a for a in candidate.target if a.code and a.reason.startswith("a thing of")), None)
    if owned is None or resolver.gazetteer is None:
        return None
    try:
        country = resolver.gazetteer.country(owned.code)
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
    order = {"city": 0, "region": 1, "admin1": 1, "country": 2}
    return order.get(place.kind, 1) < order.get(than.kind, 1)


def _host_and_visitor(candidate: Candidate, location: dict | None, ontology: Ontology) -> None:
    """A meeting held in one party's country is that party hosting the others: CAMEO 042
    (make a visit) for the visitors, with the host as target."""
    if candidate.match.pattern.cameo != "043" or not location or not location.get("country"):
        return
    country = location["country"]
    if candidate.target and not (candidate.target_role or "").startswith("reciprocal"):
        if any(a.code == country for a in candidate.target) and not any(a.code == country for a in candidate.source):
            candidate.cameo = "042"
        return
    hosts = [a for a in candidate.source if a.code == country]
    visitors = [a for a in candidate.source if a.code != country]
    if hosts and visitors:
        candidate.source, candidate.target, candidate.cameo = visitors, hosts, "042"
        candidate.target_role = "host: the meeting's place is in its country"
    elif not candidate.target and candidate.source and all(a.code in ("IGO", "NGO") for a in candidate.source) and location.get("precision") != "country":
        # an organisation's meeting held in a member's city ("the G-20 meeting, held in
        # Srinagar"): the country it is held in hosts it
        place = location.get("name") or location.get("text")
        candidate.target = [Actor(f"{country} (host of the meeting, implicit)", -1, -1, country, "GOV",
                                  reason=f"host: the meeting was held in {place}, {country}", implicit=True)]
        candidate.target_role = "host: the country the meeting was held in"


def _own_date(candidate: Candidate) -> bool:
    """Does a date expression modify this very trigger ("the meeting held in Srinagar on 22-24 May")?"""
    when = candidate.when
    return when is not None and any(when.anchor.i == t.i for t in candidate.match.tokens)


def _implicit_agent(cameo: str, country: str | None) -> Actor | None:
    """Who did an agentless act: the police for arrests and detentions, the state for other
    coercion; unnamed attackers for violence. Located by the document's main country."""
    where = ", in the document's main country" if country else ", country unknown"
    if cameo[:3] == "173":
        return Actor("police (implicit)", -1, -1, country, "COP", reason="implicit agent of an agentless arrest" + where, implicit=True)
    if cameo[:2] == "17":
        return Actor("authorities (implicit)", -1, -1, country, "GOV", reason="implicit agent of an agentless coercive act" + where, implicit=True)
    if cameo[:2] in ("18", "19", "20"):
        return Actor("unidentified attackers (implicit)", -1, -1, country, "UAF", reason="implicit agent of an agentless violent act", implicit=True)
    return None


def _implicit_protest_target(source: list[Actor], country: str | None) -> Actor | None:
    """Whom a protest that names no one is aimed at: people marching, striking or blocking
    roads at home ("workers marched in cities across the country", "a protest against tax
    increases") press their own authorities, the government of the story's country."""
    if country is None or any(a.sector in STATE_SECTORS or a.code not in (None, country) for a in source):
        return None
    return Actor("government (implicit)", -1, -1, country, "GOV",
                 reason="implicit target of a protest that names none: the government of the document's main country", implicit=True)


def _date_of(match: TriggerMatch, dates: list[DateMention]) -> DateMention | None:
    """The date expression that modifies this trigger: on the trigger itself (or, for a noun,
    on the clause that describes it: "a crackdown that began on 25 August 2017"), else on the
    verb it belongs to (through conjunction, objects, prepositions and infinitives, never
    across a relative or reported clause), else in the same clause, else the sentence's only
    date."""
    if not dates:
        return None
    by_anchor: dict[int, DateMention] = {}
    for mention in dates:
        by_anchor.setdefault(mention.anchor.i, mention)
    for token in sorted(match.tokens, key=lambda t: t.i):
        if token.i in by_anchor:
            return by_anchor[token.i]
    if match.pattern.pos == "NOUN":
        for child in match.head.children:
            if child.dep_ in ("relcl", "acl") and child.i in by_anchor:
                return by_anchor[child.i]
    token = match.head
    while token.head.i != token.i and token.dep_ not in ("relcl", "acl", "ccomp", "csubj", "parataxis", "appos"):
        token = token.head
        if token.i in by_anchor:
            return by_anchor[token.i]
    clause = _clause_verb(match.head)
    for mention in dates:
        if _clause_verb(mention.anchor).i == clause.i:
            return mention
    # A lone weekday or "yesterday" is the story's news peg and dates its main events; a
    # written-out date elsewhere in the sentence belongs to the clause it sits in.
    if len(dates) == 1 and dates[0].relative:
        return dates[0]
    return None


def _clause_verb(token: Token) -> Token:
    """The verb heading the clause a token belongs to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token

def _consequence(token: Token, outer: Candidate | None) -> bool:
    """'shelled the villages, killing four civilians': the killing is the shelling's outcome."""
    return (
        outer is not None
        and token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and outer.match.pattern.cameo[:2] in VIOLENT_ROOTS
        and token.head.i == outer.match.head.i
    )


def _elaboration(token: Token, match: TriggerMatch, outer: Candidate | None) -> bool:
    """A participle clause that says again what its main verb did, in other words. One whose
    agent is not its subject ("did not condemn the attack, drawing criticism from Islamabad")
    tells another actor's act."""
    return (
        outer is not None
        and token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and token.head.i == outer.match.head.i
        and outer.match.pattern.cameo[:2] == match.pattern.cameo[:2]
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        and match.pattern.source[:1] in ((), ("subj",))
    )


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def _same_family(one: Candidate, other: Candidate) -> bool:
    a, b = one.match.pattern.cameo[:2], other.match.pattern.cameo[:2]
    return a == b or (a in VIOLENT_ROOTS and b in VIOLENT_ROOTS)


def _same_act(candidate: Candidate, candidates: dict[int, Candidate]) -> Candidate | None:
    """'pardoned and released 14 prisoners', 'two soldiers were killed and three wounded':
    conjoined verbs of one kind that share one object tell one act; the verb that holds the
    object is kept ("expressed concern over X and condemned Y" are two)."""
    head = candidate.match.head
    if candidate.match.pattern.pos != "VERB":
        return None
    # a conjunct with its own subject is a clause of its own, unless its auxiliary is left out
    # ("two soldiers were killed and three wounded")
    elliptical = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    if head.dep_ == "conj" and (elliptical or not _has_subject(head)):
        first = candidates.get(head.head.i)
        if first is not None and first.match.pattern.pos == "VERB" and _same_family(candidate, first) and not _has_object(head):
            return first
    if not _has_object(head):
        for child in head.children:
            second = candidates.get(child.i) if child.dep_ == "conj" else None
            if second is not None and second.match.pattern.pos == "VERB" and _same_family(candidate, second) and _has_object(child) and not _has_subject(child):
                return second
    return None


def _named_violence(candidate: Candidate, candidates: dict[int, Candidate]) -> Candidate | None:
    """'killed 26 people in a massacre', 'killed five in an air strike': the killing is what the
    named attack did, and the attack is the event."""
    head = candidate.match.head
    if candidate.match.pattern.pos != "VERB" or candidate.match.pattern.cameo[:2] not in VIOLENT_ROOTS:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            for noun in prep.children:
                inner = candidates.get(noun.i)
                if (noun.dep_ == "pobj" and inner is not None and inner.match.pattern.pos == "NOUN"
                        and inner.match.pattern.cameo[:2] in VIOLENT_ROOTS and inner.verdict == ""):
                    return inner
    return None


def _charge(head: Token, candidates: dict[int, Candidate]) -> Candidate | None:
    """'arrested for allegedly violating public order rules', 'charged with inciting violence':
    the act an arrest or a charge is for is an allegation, not an event."""
    token, charged = head, False
    # climb through the gerund, its complements and the prepositions above it ("on suspicion
    # of paying voters to back ...") to the act that is done for it
    while token.dep_ in ("pcomp", "pobj", "prep", "xcomp") and token.head.i != token.i:
        charged = charged or (token.dep_ == "pcomp" and token.head.lower_ in CHARGE_PREPOSITIONS)
        token = token.head
        governor = candidates.get(token.i)
        if governor is not None:
            return governor if charged and governor.match.pattern.cameo[:2] == "17" else None
    return None


def _purpose_clause(token: Token, link: str) -> bool:
    """'met in Cairo to discuss ...': an infinitive of purpose belongs to the event it follows."""
    return link in ("advcl", "acl") and token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _same_form(verb: Token, other: Token) -> bool:
    finite = {"VBD", "VBZ", "VBP"}
    return (verb.tag_ in finite) == (other.tag_ in finite)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _confidence(candidate: Candidate) -> float:
    """From the evidence: how specific the pattern is, how the actors were found, modality."""
    score = 0.55 + 0.08 * min(candidate.match.pattern.specificity - 1, 3)
    if candidate.match.pattern.pos == "VERB":
        score += 0.05
    for actors in (candidate.source, candidate.target):
        for actor in actors[:1]:
            if actor.implicit:
                score -= 0.15
            elif actor.antecedent is not None:
                score -= 0.05
            elif actor.code is None or "document country" in actor.reason:
                score -= 0.1
    if candidate.target:
        score += 0.05
    if candidate.parent is not None:
        score -= 0.1
    if candidate.hypothetical or candidate.negated:
        score -= 0.05
    return round(max(0.05, min(0.99, score)), 2)
