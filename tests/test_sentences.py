from eventcoder.pipeline.sentences import split_sentences


def test_offsets_cut_the_text_exactly():
    text = "  Pakistan met Niger.  The U.S. envoy left on Monday!\n\nHEADLINE WITHOUT STOP\nDr. Ali spoke. Fine?"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Pakistan met Niger.",
        "The U.S. envoy left on Monday!",
        "HEADLINE WITHOUT STOP",
        "Dr. Ali spoke.",
        "Fine?",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in sentences] == list(range(5))


def test_abbreviations_and_initials_do_not_end_a_sentence():
    sentences = split_sentences("Gen. Smith met Mr. J. Doe of the U.N. mission. They talked.")
    assert len(sentences) == 2


def test_empty_text_has_no_sentence():
    assert split_sentences("   \n ") == []
