"""Every actor mention of a text, resolved in context, for `eventcoder actors`: the places and
actor stages run on each fully parsed sentence, and each mention's head is resolved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.pipeline.actors import memory
from eventcoder.pipeline.actors.coreference import is_definite_description
from eventcoder.pipeline.actors.stage import read_actors
from eventcoder.pipeline.places import find_places
from eventcoder.pipeline.sentences import split_sentences
from eventcoder.pipeline.state import DocumentContext, SentenceAnalysis
from eventcoder.schema import Actor

if TYPE_CHECKING:
    from eventcoder.coder import Coder


def list_mentions(coder: Coder, text: str, date: str | None) -> list[Actor]:
    context = DocumentContext(text, date)
    found: list[Actor] = []
    sentences = split_sentences(text)
    for sentence, doc in zip(sentences, coder.parser.nlp.pipe(s.text for s in sentences), strict=True):
        analysis = SentenceAnalysis(sentence, doc, parsed=True, mentions=coder.actor_lexicon.mentions(doc))
        find_places(analysis, context, coder.place_lexicon)
        resolver = read_actors(analysis, context, coder.actor_lexicon, coder.ontology)
        memory.remember(resolver)
        # a title before a name or a demonym before a noun is part of a larger mention
        heads = {
            doc[m.start : m.end].root.i
            for m in resolver.mentions
            if doc[m.start : m.end].root.dep_ not in ("compound", "amod") or m.people
        }
        heads |= {t.i for t in doc if t.pos_ == "PROPN" and (t.text in context.persons or t.text in coder.actor_lexicon.surnames)
                  and t.dep_ != "compound"}
        heads |= {t.i for t in doc if t.tag_ in ("PRP", "PRP$") and t.lower_ in coder.knowledge.coref}
        heads |= {t.i for t in doc if t.pos_ == "NOUN" and is_definite_description(resolver, t)}
        heads |= {e.root.i for e in doc.ents if e.label_ in ("PERSON", "ORG") and e.root.i not in resolver.by_token}
        for i in sorted(heads):
            token = doc[i]
            role = "subj" if token.dep_ in ("nsubj", "nsubjpass", "poss") else "obj"
            found.extend(resolver.resolve(token, role, follow_conjuncts=False))
    unique = {(a.start, a.end, a.code, a.sector, a.org): a for a in found}
    return sorted(unique.values(), key=lambda a: (a.start, a.end))
