from eventcoder.pipeline.phrases import PhraseTable, is_acronym, singular


def forms(words):
    return [(w, (w.lower(), singular(w.lower()))) for w in words]


def test_longest_match_wins_and_matches_do_not_overlap():
    table = PhraseTable()
    table.add(["Saudi", "Arabia"], "SAU", case_sensitive=False)
    table.add(["Arabia"], "ARB", case_sensitive=False)
    table.add(["Saudi"], "SAU-adj", case_sensitive=False)
    found = table.match(forms(["officials", "of", "Saudi", "Arabia", "met"]))
    assert [(m.start, m.end, m.payloads) for m in found] == [(2, 4, ("SAU",))]


def test_acronyms_match_case_sensitively():
    table = PhraseTable()
    table.add(["UN"], "UN", case_sensitive=is_acronym("UN"))
    assert table.match(forms(["the", "UN", "said"]))
    assert not table.match(forms(["un", "said"]))


def test_plural_forms_reach_a_singular_row():
    table = PhraseTable()
    table.add(["military", "officer"], "MIL", case_sensitive=False)
    assert table.match(forms(["senior", "military", "officers"]))[0].payloads == ("MIL",)
