"""Article text from HTML: main text only, headings kept, nothing executable becomes text."""

from storydiff.html_text import extract_html, looks_like_html

PAGE = """<!DOCTYPE html>
<html><head><title>Putin: parts of plan unacceptable | The Paper</title>
<style>p { color: red }</style><script>var tracking = "Do not show me";</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="newsletter-signup">Sign up for our newsletter</div>
<main><article>
  <h1>Putin says parts of the U.S. plan are unacceptable</h1>
  <p class="byline">By A. Reporter</p>
  <p>Russian President Vladimir Putin said on Thursday that some proposals were
     <em>unacceptable</em>.</p>
  <figure><img src="x.jpg"><figcaption>Putin in the Kremlin. (Photo)</figcaption></figure>
  <h2>Kremlin Discussions</h2>
  <p>He called the talks &ldquo;necessary&rdquo; and &ldquo;useful.&rdquo;</p>
  <div class="share-tools"><button>Share</button> Tweet this</div>
  <ul><li>Two men died.</li><li>Six were injured.</li></ul>
  <!-- a comment that must not show -->
  <noscript>Enable JavaScript</noscript>
</article>
<aside>Related: other stories</aside></main>
<footer>© The Paper</footer>
</body></html>"""


def test_main_text_headings_and_paragraphs():
    extracted = extract_html(PAGE)
    blocks = [(b.kind, b.level, extracted.text[b.start : b.end]) for b in extracted.blocks]
    assert blocks == [
        ("heading", 1, "Putin says parts of the U.S. plan are unacceptable"),
        ("paragraph", 0, "By A. Reporter"),
        (
            "paragraph",
            0,
            "Russian President Vladimir Putin said on Thursday that some proposals were unacceptable.",
        ),
        ("heading", 2, "Kremlin Discussions"),
        ("paragraph", 0, "He called the talks “necessary” and “useful.”"),
        ("paragraph", 0, "Two men died."),
        ("paragraph", 0, "Six were injured."),
    ]
    assert extracted.title == "Putin: parts of plan unacceptable | The Paper"


def test_scripts_styles_navigation_and_widgets_never_become_text():
    text = extract_html(PAGE).text
    for unwanted in [
        "tracking",
        "color: red",
        "Home",
        "newsletter",
        "Photo",
        "Share",
        "Tweet",
        "comment",
        "JavaScript",
        "Related",
        "©",
    ]:
        assert unwanted not in text


def test_escaped_markup_in_article_text_stays_literal_text():
    page = "<article><p>He typed &lt;script&gt;alert(1)&lt;/script&gt; into the form.</p></article>"
    assert extract_html(page).text == "He typed <script>alert(1)</script> into the form."


def test_page_without_article_text_is_empty():
    assert (
        extract_html(
            "<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>"
        ).text
        == ""
    )


def test_broken_markup_still_parses():
    assert extract_html("<p>Unclosed <b>bold<p>Second").text == "Unclosed bold\n\nSecond"


def test_looks_like_html():
    assert looks_like_html("  <!doctype html><p>x</p>")
    assert looks_like_html("<html><body>x</body></html>")
    assert not looks_like_html("Putin said <nothing> of note.")
