import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.anchoring import anchor, context, locate
from provenance.errors import AnchorError

TEXT = ("The Afghan defense ministry rejected Pakistan’s claim that the plot was hatched in "
        "Afghanistan.\n\nOfficials said   the toll — at least 45 — would rise.")


def found(text, quote, **kw):
    a = anchor(text, quote, **kw)
    assert a is not None, quote
    return text[a.start : a.end], a


def test_exact_match_scores_one():
    quote, a = found(TEXT, "rejected Pakistan’s claim")
    assert quote == "rejected Pakistan’s claim"
    assert (a.score, a.method) == (1.0, "exact")
    assert a.start == TEXT.index("rejected")


@pytest.mark.parametrize("variant,expected", [
    ("rejected Pakistan's claim", "rejected Pakistan’s claim"),  # straight vs curly quote
    ("REJECTED pakistan’s CLAIM", "rejected Pakistan’s claim"),  # case
    ("said the toll - at least 45", "said   the toll — at least 45"),  # whitespace run, dash
    ("hatched in  Afghanistan", "hatched in Afghanistan"),
])
def test_tolerant_match_returns_the_source_characters(variant, expected):
    quote, a = found(TEXT, variant)
    assert quote == expected
    assert a.method == "normalized" and 0.9 < a.score < 1.0


def test_near_miss_is_found_fuzzily_with_a_score():
    quote, a = found(TEXT, "The Afghan defence ministry rejected Pakistans claim")
    assert quote == "The Afghan defense ministry rejected Pakistan’s claim"
    assert a.method == "fuzzy" and 0.85 <= a.score < 1.0


def test_quote_not_in_source_names_the_closest_passage():
    with pytest.raises(AnchorError) as err:
        locate(TEXT, "the ministry welcomed the investigation warmly and fully")
    assert "not in the source" in err.value.message and "similar" in err.value.message
    assert anchor(TEXT, "the ministry welcomed the investigation warmly and fully") is None


REPEAT = "He said no. Later he said no. Then he said yes."


def test_repeats_are_ambiguous_without_context():
    assert anchor(REPEAT, "said no") is None
    with pytest.raises(AnchorError) as err:
        locate(REPEAT, "said no")
    assert "2 times" in err.value.message and "#1 at 3" in err.value.message


def test_repeats_decided_by_prefix_suffix_hint_or_occurrence():
    second = REPEAT.index("said no", 5)
    assert anchor(REPEAT, "said no", prefix="Later he ").start == second
    assert anchor(REPEAT, "said no", suffix=". Then").start == second
    assert anchor(REPEAT, "said no", hint=second + 2).start == second
    assert locate(REPEAT, "said no", occurrence=2).start == second
    with pytest.raises(AnchorError):
        locate(REPEAT, "said no", occurrence=3)


def test_offsets_are_code_points_beyond_the_bmp():
    text = "🎉🎉 Rally: 😀 more than 1,400 fighters surrendered 🏳️."
    quote, a = found(text, "more than 1,400 fighters")
    assert a.start == text.index("more") == 12  # 2+1+6+1+1+1 code points, not UTF-16 units
    quote, a = found(text, "MORE THAN 1,400 FIGHTERS")
    assert (quote, a.method, a.start) == ("more than 1,400 fighters", "normalized", 12)
    assert quote == "more than 1,400 fighters"


def test_right_to_left_text():
    text = "قال المتحدث إن الهجوم خطط له في أفغانستان. نفت الوزارة ذلك."
    quote, a = found(text, "نفت الوزارة")
    assert quote == "نفت الوزارة" and a.score == 1.0
    quote, _ = found("שלום  עולם ומלואו", "שלום עולם")
    assert quote == "שלום  עולם"


def test_context_is_stored_around_the_span():
    a = anchor(TEXT, "at least 45")
    prefix, suffix = context(TEXT, a.start, a.end)
    assert TEXT[a.start - len(prefix) : a.start] == prefix and len(prefix) == 32
    assert suffix == " — would rise."


def test_empty_quote_is_refused():
    with pytest.raises(AnchorError):
        locate(TEXT, "   ")


@given(st.text(min_size=1, max_size=200), st.data())
def test_any_substring_is_found_back(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    try:
        a = locate(text, quote, hint=i)
    except AnchorError:
        return  # ambiguous repeats (e.g. "aaaa") may be refused; never an uncaught error
    assert 0 <= a.start < a.end <= len(text)
    if a.method == "exact":
        assert text[a.start : a.end] == quote


def test_a_quote_longer_than_anything_in_the_text_is_not_found():
    text = "The quick brown fox jumps over the lazy dog."
    assert anchor(text, text + " And then it ran into the forest and was never seen again.") is None


def test_fuzzy_passages_start_and_end_on_words():
    text = "The quick brown fox jumps over the lazy dog."
    quote, a = found(text, "quikc brown fox jumsp")
    assert quote == "quick brown fox jumps" and a.method == "fuzzy"


@pytest.mark.parametrize("text,quote,expected", [
    ("caf\u00e9 au lait", "cafe\u0301 au lait", "caf\u00e9 au lait"),  # composed vs decomposed accent
    ("Stra\u00dfe gesperrt", "STRASSE gesperrt", "Stra\u00dfe gesperrt"),  # sharp s casefolds to ss
    ("the \ufb01nal report", "the final report", "the \ufb01nal report"),  # ligature (NFKD)
    ("a\u00adb c", "ab c", "a\u00adb c"),  # soft hyphen ignored
])
def test_unicode_variants_match_and_return_the_source_characters(text, quote, expected):
    got, a = found(text, quote)
    assert got == expected and a.method == "normalized"


CATS = "I saw the cat and a cat."


@pytest.mark.parametrize("kw", [
    {"prefix": "the"}, {"prefix": "the "}, {"prefix": "saw  THE"}, {"suffix": "and"}, {"suffix": "and a"},
    {"suffix": " and   a"},
])
def test_context_without_its_separating_space_works(kw):
    a = anchor(CATS, "cat", **kw)
    assert a is not None and a.start == CATS.index("cat") and a.context == 1.0


def test_context_compares_whole_words_and_still_refuses_a_tie():
    # "the" ends "bathe" before the first cat: on word boundaries only the second has "the" before it.
    text = "We bathe cat one and the cat two."
    assert anchor(text, "cat", prefix="the").start == text.index(" the cat") + 5
    assert anchor(CATS, "cat", prefix="zebra") is None
    with pytest.raises(AnchorError, match="does not single one out"):
        locate("a cat. a cat.", "cat", prefix="a")


def test_two_scores_quote_similarity_and_context_similarity():
    a = locate(REPEAT, "said no", prefix="Later he ")
    assert (a.score, a.context) == (1.0, 1.0)
    a = locate(TEXT, "at least 45", prefix="completely different words", suffix="nothing alike")
    assert a.score == 1.0 and a.context < 0.5  # the quote is there; its surroundings are not
    assert locate(TEXT, "at least 45").context is None


LONG = ("The ministry said on Tuesday that the new dam on the river would be finished by the end of "
        "next year, and that it would supply water to more than two million people in the region.")


def test_a_long_quote_whose_last_words_differ_is_refused():
    quote = LONG[:-len("people in the region.")] + "farmers across the whole province."
    with pytest.raises(AnchorError, match="words in a row differ"):
        locate(LONG, quote)


def test_a_passage_whose_middle_differs_while_its_ends_match_is_refused():
    middle = LONG.replace("would be finished by the end of next year",
                          "has been cancelled after protests by local farmers")
    with pytest.raises(AnchorError, match="words in a row differ"):
        locate(LONG, middle)
    assert anchor(LONG, middle) is None


def test_a_fuzzy_passage_never_ends_mid_word():
    a = anchor(LONG, "the new dam on the river would be finishd by the end")
    assert a is not None and LONG[a.start:a.end].endswith("end") and a.method == "fuzzy"
    assert not LONG[a.end].isalnum()


def test_the_threshold_rises_with_the_quote():
    from provenance.anchoring import FUZZY_THRESHOLD, FUZZY_THRESHOLD_LONG, fuzzy_threshold

    assert fuzzy_threshold(40) == FUZZY_THRESHOLD
    assert FUZZY_THRESHOLD < fuzzy_threshold(500) < FUZZY_THRESHOLD_LONG == fuzzy_threshold(5000)


def test_recapture_reports_quote_and_context_scores(cli, tmp_path):
    import json

    v1, v2 = tmp_path / "v1.txt", tmp_path / "v2.txt"
    first = "The ministry said 12 people died in the blast at the market on Monday morning.\n\n"
    v1.write_text(first + "Witnesses saw smoke over the market.\n", encoding="utf-8")
    v2.write_text(first + "A different story entirely: witnesses saw smoke over the market, rebels "
                  "claimed.\n", encoding="utf-8")
    cli("sources", "add", str(v1), "--url", "https://example.org/blast")
    cli("properties", "add", "note", "--type", "text")
    ids = {}
    for quote in ("said 12 people died", "saw smoke over the market"):
        out = json.loads(cli("claims", "add", "1", "--quote", quote, "--subject", "Blast", "--property", "note",
                             "--value", quote[:10], "--new-entities", "--json").stdout)
        ids[quote] = out["id"]
    added = cli.json("sources", "add", str(v2), "--url", "https://example.org/blast")
    assert {r["status"] for r in added[0]["reanchored"]} == {"carried", "moved"}
    assert all("context_score" in r for r in added[0]["reanchored"])
    d = cli.json("sources", "diff", "1", "2")
    by = {c["claim"]: c for c in d["claims"]}
    safe, risky = by[ids["said 12 people died"]], by[ids["saw smoke over the market"]]
    assert (safe["score"], safe["context_score"]) == (1.0, 1.0)
    assert risky["score"] == 1.0 and risky["context_score"] < 0.8  # same words, new surroundings
    table = cli("sources", "diff", "1", "2").stdout
    assert "context score" in table


def test_fold_text_is_fold_without_offsets():
    """fold_text takes a faster way (no offset map): the same text as fold's, stripped, on
    strings mixing quotes, dashes, invisible characters, odd whitespace and decomposable letters."""
    import random

    from provenance.anchoring import fold, fold_text

    pieces = list("aZ 9.,'`\"\t\n\r\x1c\u00a0\u2003\u200b\u00ad\u2019\u201c\u2013\u2026éÅßﬁİ¨ǅΣς") + ["\u0308"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert fold_text(text) == fold(text).text.strip(), repr(text)
