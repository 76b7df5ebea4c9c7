"""Word-level inline diff: runs, offsets, round trips, rendering and the IteraTeR span check."""

import json
from itertools import pairwise

import pytest
from storydiff import config
from storydiff.errors import ParameterError, StorydiffError
from storydiff.inline_diff import DiffOp, InlineDiff, inline_diff

from .conftest import load_bench_script

XSS_SCRIPT = "<script>document.title='PWNED'</script>"
XSS_IMG = "<img src=x onerror=\"document.title='PWNED'\">"


def runs(diff: InlineDiff) -> list[tuple[str, str]]:
    return [(op.op, op.text) for op in diff.ops]


def changes(diff: InlineDiff) -> list[tuple[str, str]]:
    return [(op.op, op.text.strip()) for op in diff.ops if op.op != "equal"]


def assert_round_trip(diff: InlineDiff) -> None:
    a, b = diff.a, diff.b
    assert "".join(op.text for op in diff.ops if op.op != "delete") == b
    assert "".join(a[op.a_start : op.a_end] for op in diff.ops if op.op != "insert") == a
    assert "".join(b[op.b_start : op.b_end] for op in diff.ops if op.op != "delete") == b
    for op in diff.ops:
        if op.op == "delete":
            assert op.text == a[op.a_start : op.a_end] and op.b_start == op.b_end
        elif op.op == "insert":
            assert op.text == b[op.b_start : op.b_end] and op.a_start == op.a_end
        else:
            assert op.text == b[op.b_start : op.b_end]
    # runs tile both texts in order, and no two neighbours are of the same kind
    assert all(x.a_end == y.a_start and x.b_end == y.b_start for x, y in pairwise(diff.ops))
    assert all(x.op != y.op for x, y in pairwise(diff.ops))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Two men died in a Ukrainian drone strike.",
            "Two men were killed in a Ukrainian drone strike.",
            [("delete", "died"), ("insert", "were killed")],
        ),
        (
            "Russia's Moscow-installed governor said.",
            "Russia's Moscow-appointed governor said.",
            [("delete", "installed"), ("insert", "appointed")],
        ),
        ("six people were hurt", "6 people were hurt", [("delete", "six"), ("insert", "6")]),
        (
            "over 40,000 residents",
            "over 45,000 residents",
            [("delete", "40,000"), ("insert", "45,000")],
        ),
        (
            "The incident occurred.",
            "the incident occurred.",
            [("delete", "The"), ("insert", "the")],
        ),
        ("It rained.", "It rained. Then it stopped.", [("insert", "Then it stopped.")]),
        ("It rained. Then it stopped.", "It rained.", [("delete", "Then it stopped.")]),
        ("Kyiv said", "Kyiv said:", [("insert", ":")]),
        ("", "New text.", [("insert", "New text.")]),
        ("Old text.", "", [("delete", "Old text.")]),
    ],
)
def test_changes(a, b, expected):
    diff = inline_diff(a, b)
    assert changes(diff) == expected
    assert not diff.is_unchanged
    assert_round_trip(diff)


def test_replacement_is_delete_then_insert_with_offsets():
    a = "two men died in a Ukrainian drone strike"
    b = "two men were killed in a Ukrainian drone strike"
    diff = inline_diff(a, b)
    assert diff.ops == (
        DiffOp("equal", "two men ", 0, 8, 0, 8),
        DiffOp("delete", "died ", 8, 13, 8, 8),
        DiffOp("insert", "were killed ", 13, 13, 8, 20),
        DiffOp("equal", "in a Ukrainian drone strike", 13, len(a), 20, len(b)),
    )
    assert (diff.n_deleted_words, diff.n_inserted_words) == (1, 2)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Officials said it was \u201cnecessary\u201d.", 'Officials said it was "necessary".'),
        ("Kyiv\u2019s mayor", "Kyiv's mayor"),
        ("a 2022\u20132023 plan \u2014 officials", "a 2022-2023 plan - officials"),
        ("six\u00a0people", "six people"),
        ("two  men\n died", "two men died"),
        ("Same text.", "Same text."),
    ],
)
def test_typography_and_spacing_are_not_differences(a, b):
    diff = inline_diff(a, b)
    assert diff.is_unchanged
    assert diff.ratio == 1.0
    assert runs(diff) == [("equal", b)]
    assert_round_trip(diff)


def test_empty_inputs():
    assert inline_diff("", "").ops == ()
    assert inline_diff("", "").is_unchanged
    assert inline_diff("", "").ratio == 1.0
    assert runs(inline_diff("", "Six dead.")) == [("insert", "Six dead.")]
    assert runs(inline_diff("Six dead.", "")) == [("delete", "Six dead.")]
    assert inline_diff("Six dead.", "").ratio == 0.0


def test_ratio_matches_token_counts():
    # 4 tokens each side, 3 in common: 2 * 3 / 8
    assert inline_diff("six people were hurt", "6 people were hurt").ratio == pytest.approx(0.75)


def test_punctuation_is_not_counted_as_words():
    diff = inline_diff("people , three men", "people : three men")
    assert changes(diff) == [("delete", ","), ("insert", ":")]
    assert (diff.n_deleted_words, diff.n_inserted_words) == (0, 0)


def test_char_granularity():
    diff = inline_diff("0200 local time", "02:00 local time", granularity="char")
    assert changes(diff) == [("insert", ":")]
    assert_round_trip(diff)


@pytest.mark.parametrize("granularity", ["line", "words", ""])
def test_bad_granularity(granularity):
    with pytest.raises(ParameterError, match=r"granularity=.* use one of word, char") as info:
        inline_diff("a", "b", granularity=granularity)
    assert isinstance(info.value, StorydiffError)
    assert "\n" not in str(info.value)


def test_frame_and_dict():
    diff = inline_diff("six people died", "6 people died")
    frame = diff.to_frame()
    assert list(frame.columns) == ["op", "text", "a_start", "a_end", "b_start", "b_end"]
    assert frame["op"].tolist() == ["delete", "insert", "equal"]
    assert str(frame["a_start"].dtype) == "int64"
    assert inline_diff("", "").to_frame().empty
    data = diff.to_dict()
    assert data["ops"][0] == {
        "op": "delete",
        "text": "six ",
        "a_start": 0,
        "a_end": 4,
        "b_start": 0,
        "b_end": 0,
    }
    assert data["n_deleted_words"] == data["n_inserted_words"] == 1
    assert data["is_unchanged"] is False


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "two men died in a Ukrainian drone strike",
            "two men were killed in a Ukrainian drone strike",
            "two men [-died-] {+were killed+} in a Ukrainian drone strike",
        ),
        ("two men died in Kherson", "two men died", "two men died [-in Kherson-]"),
        ("The 23-year-old male.", "The 23-year old male.", "The 23-year[---] old male."),
        ("", "Six dead.", "{+Six dead.+}"),
        ("Same.", "Same.", "Same."),
        # From an audit of Wikinews revisions: "e.g" becoming "i.e" was shown as
        # "{+i.+}e[-.g-]", and a deleted comma left two spaces.
        (
            "It was stated, e.g . go",
            "It was stated, i.e . go",
            "It was stated, [-e.g-] {+i.e+} . go",
        ),
        ("the soldier, was here", "the soldier was here", "the soldier[-,-] was here"),
    ],
)
def test_terminal(a, b, expected):
    assert inline_diff(a, b).to_terminal() == expected


def test_terminal_color_and_control_characters():
    coloured = inline_diff("six people", "6 people").to_terminal(color=True)
    assert coloured == "\x1b[31m[-six-]\x1b[0m \x1b[32m{+6+}\x1b[0m people"
    # an escape sequence inside a story is shown, not sent to the terminal
    shown = inline_diff("text", "text\x1b[2J").to_terminal()
    assert "\x1b" not in shown and "\\x1b[2J" in shown


def test_html_marks_changes():
    diff = inline_diff("six people died", "6 people died")
    assert '<del class="sd-del">six</del>' in diff.to_html()
    assert '<ins class="sd-ins">6</ins>' in diff.to_html()
    assert diff._repr_html_() == diff.to_html()
    assert "sd-ins" not in diff.a_html() and '<del class="sd-del">six</del> people' in diff.a_html()
    assert "sd-del" not in diff.b_html() and '<ins class="sd-ins">6</ins> people' in diff.b_html()


@pytest.mark.parametrize("payload", [XSS_SCRIPT, XSS_IMG])
@pytest.mark.parametrize("where", ["equal", "delete", "insert"])
def test_html_escapes_markup(payload, where):
    a, b = {
        "equal": (f"He wrote {payload} here.", f"He wrote {payload} there."),
        "delete": (f"He wrote {payload} here.", "He wrote here."),
        "insert": ("He wrote here.", f"He wrote {payload} here."),
    }[where]
    diff = inline_diff(a, b)
    for rendered in (diff.to_html(), diff.a_html(), diff.b_html(), diff._repr_html_()):
        assert "<script" not in rendered and "<img" not in rendered
        assert 'onerror="' not in rendered and "'PWNED'" not in rendered
    shown = diff.to_html()
    if payload == XSS_SCRIPT:
        assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in shown
    else:
        assert "&lt;img src=x onerror=&quot;document.title=&#x27;PWNED&#x27;&quot;&gt;" in shown


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("  Leading space", "Leading space  "),
        ("Tabs\tand\nnewlines\n\n", "Tabs and newlines"),
        ("\u201cQuote,\u201d he said.", '"Quote," she said.'),
        ("exam\u00adple \u200bzero", "example zero"),
        ("   ", ""),
        ("a", "   "),
    ],
)
def test_round_trip_edge_cases(a, b):
    assert_round_trip(inline_diff(a, b))
    assert_round_trip(inline_diff(a, b, granularity="char"))


def test_round_trip_property():
    hypothesis = pytest.importorskip("hypothesis")
    st = pytest.importorskip("hypothesis.strategies")

    alphabet = st.sampled_from(
        list("ab AB 19.,:-'\"\n\t") + ["\u201c", "\u2019", "\u2013", "\u00a0", "\u200b", "é"]
    )
    texts = st.text(alphabet=alphabet, max_size=40)

    @hypothesis.given(a=texts, b=texts, granularity=st.sampled_from(["word", "char"]))
    @hypothesis.settings(max_examples=300, deadline=None)
    def check(a, b, granularity):
        diff = inline_diff(a, b, granularity=granularity)
        assert_round_trip(diff)
        assert 0.0 <= diff.ratio <= 1.0
        assert diff.is_unchanged == (diff.ratio == 1.0)

    check()


def test_equal_runs_show_b_and_offsets_give_a():
    """An unchanged run's text is b's; a's own characters are at the run's a offsets."""
    a, b = "Kyiv\u2019s mayor  said", "Kyiv's mayor said it"
    diff = inline_diff(a, b)
    equal = diff.ops[0]
    assert (equal.op, equal.text) == ("equal", "Kyiv's mayor said ")
    assert a[equal.a_start : equal.a_end] == a
    assert changes(diff) == [("insert", "it")]


def test_iterater_edit_actions_are_visible():
    folder = config.eval_dir() / "iterater_news"
    if not folder.is_dir():
        pytest.skip(f"IteraTeR news data not found at {folder}; set STORYDIFF_EVAL_DIR")
    bench = load_bench_script("iterater_spans")
    records = bench.read_records(folder)
    assert records, f"no news_doc_level_*.jsonl files in {folder}"
    result = bench.span_visibility(records)
    assert result["share"] >= 0.95, result["missed"]
    assert all(row["share"] >= 0.95 for row in result["by_type"].values()), result["by_type"]


def test_span_visibility_on_a_small_record():
    bench = load_bench_script("iterater_spans")
    record = {
        "doc_id": "t",
        "before_revision": "The incident  occurred at 0200 local time and it involved a lorry.",
        "after_revision": "The incident , involving a lorry, occurred at 02:00 local time.",
        "edit_actions": [
            {
                "type": "A",
                "before": None,
                "after": ", involving a lorry,",
                "start_char_pos": 13,
                "end_char_pos": 13,
            },
            {
                "type": "R",
                "before": "0200",
                "after": "02:00",
                "start_char_pos": 26,
                "end_char_pos": 30,
            },
            {
                "type": "D",
                "before": "and it involved a lorry",
                "after": None,
                "start_char_pos": 42,
                "end_char_pos": 65,
            },
        ],
    }
    assert record["before_revision"][26:30] == "0200"
    result = bench.span_visibility([record])
    assert (result["n_actions"], result["n_visible"], result["share"]) == (3, 3, 1.0)
    # an action where nothing changed is not visible
    unchanged = dict(record, after_revision=record["before_revision"])
    assert bench.span_visibility([unchanged])["n_visible"] == 0


def test_counting_words_finds_the_diff_tokens_that_hold_a_letter_or_digit(example_story):
    """``count_words`` finds only the word tokens (twice as quick); it must count what the
    tokenizer's tokens with a letter or digit count, on real text."""
    from storydiff.inline_diff import _WORD_TOKEN, count_words

    def by_tokens(text: str) -> int:
        return sum(any(ch.isalnum() for ch in token) for token in _WORD_TOKEN.findall(text))

    texts = [version.text for version in example_story.versions]
    texts += ["The 23-year-old's car hit U.S.-made steel at 02:00; 40,000 left. Kyiv\u2019s", "__"]
    folder = config.eval_dir() / "iterater_news"
    for path in sorted(folder.glob("news_doc_level_*.jsonl")) if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts += [record["before_revision"], record["after_revision"]]
    assert [count_words(t) for t in texts] == [by_tokens(t) for t in texts]
