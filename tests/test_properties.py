"""Property tests: no input makes metadata parsing or the response syntax crash.

Each reader of author input has documented outcomes: a value, or a problem for the
author (a `TimestampError`, an error pair, a finding). Hypothesis feeds each one
arbitrary text and values shaped like the real thing; nothing else may come out.
The examples are derandomized so CI runs the same ones every time.
"""

from __future__ import annotations

import posixpath
import re
from datetime import UTC, datetime
from email import message_from_string
from email.policy import default as email_policy
from types import SimpleNamespace

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from candor.authoring import reading
from candor.authoring.author_notes import AuthorNotes
from candor.authoring.script_links import runs_code, without_script_links
from candor.build import output_paths
from candor.build import settings as candor_settings
from candor.build.problems import Problem, ProblemLog, build_state
from candor.build.site_files import SiteFiles
from candor.emails import message as email_message
from candor.emails.announcement import read_email_fields
from candor.incidents.fields import IncidentFields
from candor.kinds import post_kinds as kinds
from candor.responses import markdown as response_markdown
from candor.responses.blocks import ResponseBlock, parse_response_block
from candor.text.timestamps import TimestampError, parse_timestamp

PROPERTY = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)

# Pieces of real values, so that many examples get past the first check.
dates = st.sampled_from(
    ["2025-11-28", "2025-02-30", "2025-13-01", "0000-01-01", "0001-01-01", "9999-12-31"]
)
clocks = st.sampled_from(["14:07", "9:05", "23:59:59", "24:00", "14:7", "99:99"])
zones = st.sampled_from(
    ["-05:00", "+0100", "Z", "UTC", "America/New_York", "Mars/Olympus", "../etc/passwd",
     "+99:99", "-2400", "+23:59", "-0000", "", "a" * 300, "America/New_York/", "\x00", "Etc/GMT+12"]
)  # fmt: skip
written_times = st.one_of(
    st.text(max_size=40),
    st.builds(lambda d, c, z: f"{d} {c} {z}", dates, clocks, zones),
    st.builds(lambda c, z: f"{c} {z}", clocks, zones),
)
one_line = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"))
field_values = st.one_of(one_line, written_times, st.lists(one_line, min_size=2, max_size=3))


@PROPERTY
@given(written=written_times, has_day=st.booleans())
# Each of these once crashed: an offset of a whole day, a zone name too long for a file
# name, a time that does not exist in UTC.
@example(written="0:00-2400", has_day=True)
@example(written="14:07 " + "a" * 300, has_day=True)
@example(written="0001-01-01 00:00 +01:00", has_day=False)
def test_a_written_time_is_an_aware_datetime_or_a_timestamp_error(written, has_day):
    default_day = datetime(2025, 11, 28, 14, 7, tzinfo=UTC) if has_day else None
    try:
        moment = parse_timestamp(written, default_day=default_day)
    except TimestampError as error:
        assert str(error)
    else:
        assert moment.tzinfo is not None and moment.utcoffset() is not None


EMAIL_FIELDS = ["subject", "sent", "from", "reply-to", "audience", "recipients", "post"]
EMAIL_FIELDS += ["correction", "archive-fix"]


@PROPERTY
@given(
    metadata=st.dictionaries(
        st.sampled_from(EMAIL_FIELDS),
        st.one_of(field_values, st.just("Priya Raman <community@example.com>"), st.just("1,043")),
    ),
    draft=st.booleans(),
)
def test_any_email_header_gives_typed_fields_or_problems_with_a_field(metadata, draft):
    email = SimpleNamespace(metadata=metadata, is_draft=draft)
    errors = read_email_fields(email, NOW)
    # Each problem names a field the author wrote or must write, and says what is wrong.
    assert all(field.lower() in EMAIL_FIELDS and message for field, message in errors)
    if email.sent is not None:
        assert email.sent.utcoffset() is not None
        assert email.sent.astimezone(UTC).tzinfo is UTC
    if email.recipients is not None:
        assert email.recipients > 0
    if not errors and not draft:
        assert email.subject and email.sender and email.audience and email.sent


INCIDENT_FIELDS = ["state", "started", "detected", "resolved", "affected", "impact", "systems"]


@PROPERTY
@given(
    metadata=st.dictionaries(
        st.sampled_from(INCIDENT_FIELDS),
        st.one_of(
            field_values,
            st.sampled_from(["resolved", "investigating", "1000+ customers", "1,000", "0"]),
            st.from_regex(r"\A[0-9,]{1,12}\+?( [a-z]{1,8})?\Z"),
        ),
    ),
    timeline=st.lists(st.tuples(written_times, one_line), max_size=4),
)
@example(
    metadata={"affected": "1,000+ teams", "started": "2025-11-28 14:07 -05:00", "resolved": ""},
    timeline=[],
)
def test_any_incident_header_and_timeline_gives_an_incident(metadata, timeline):
    body = "<h2>Timeline</h2>\n<ul>\n" + "".join(
        f"<li>{when} — {what}</li>\n" for when, what in timeline
    )
    post = SimpleNamespace(metadata=metadata, source_path="/site/content/posts/p.md")
    post._content = body + "</ul>"
    problems = ProblemLog()
    incident = IncidentFields(post, problems).read()
    assert incident.state in ("investigating", "identified", "monitoring", "resolved")
    assert incident.affected_count is None or incident.affected_count >= 0
    # What templates and feeds show: a time or a span only when the fields give one.
    started, detected, resolved = incident.started, incident.detected, incident.resolved
    assert bool(incident.started_text) == (started is not None)
    assert bool(incident.duration_text) == (started is not None and resolved is not None)
    assert bool(incident.time_to_detect_text) == (started is not None and detected is not None)
    if incident.affected_count is not None:
        written = incident.affected_text.removesuffix("+").replace(",", "")
        assert int(written) == incident.affected_count
        assert incident.affected_text.endswith("+") == incident.affected_more_than
    else:
        assert incident.affected_text == ""
    assert all(p.path and p.field and p.message for p in problems.problems)


@PROPERTY
@given(st.one_of(st.none(), one_line, st.integers(), st.lists(one_line, max_size=3)))
def test_any_kind_is_a_known_kind_or_a_message(written):
    kind, error = kinds.check_kind(written)
    assert (kind in kinds.KINDS and error is None) or (kind is None and error)


HEADER_LINE = st.one_of(
    st.builds(
        lambda key, value: f"{key}: {value}",
        st.sampled_from(
            [
                "Name",
                "Consent",
                "Channel",
                "Date",
                "Source",
                "Language",
                "Outcome",
                "Translation-Language",
                "Mood",
                "channel",
            ]
        ),  # fmt: skip
        st.one_of(one_line, st.sampled_from(["yes", "no", "email", "x", "de", "thanks"])),
    ),
    one_line,
)
QUOTE_LINE = st.one_of(one_line, st.sampled_from(["--- translation", "", "<script>x</script>"]))


@PROPERTY
@given(header=st.lists(HEADER_LINE, max_size=6), quote=st.lists(QUOTE_LINE, max_size=6))
@example(
    header=["Name: </figcaption></figure><script>x</script>", "Consent: yes", "Channel: email"],
    quote=["</blockquote><b onclick=x>Thanks</b>"],
)
def test_any_response_block_is_a_quote_or_problems_with_lines(header, quote):
    lines = ["::: response", *header, "", *quote]
    block = ResponseBlock(first_line=10, lines=lines)
    response = parse_response_block(block, "response-1", "en")
    assert all(10 <= f.line < 10 + len(lines) and f.message for f in block.findings)
    if response is None:
        assert any(f.is_problem for f in block.findings)
    else:
        # One figure, its quote and its caption, whatever the lines held: nothing breaks out.
        page = BeautifulSoup(response.figure("response-1"), "html.parser")
        (figure,) = page.find_all("figure")
        assert figure["id"] == "response-1" and figure.parent is page
        assert [child.name for child in figure.find_all(recursive=False)][-1] == "figcaption"
        caption = figure.find_all("figcaption")[-1].get_text()
        assert caption.startswith(f"— {response.name_shown}, {response.channel_phrase}")
        assert page.find("script") is None
        assert not [a for tag in page.find_all(True) for a in tag.attrs if a.startswith("on")]


@PROPERTY
@given(st.text(max_size=300))
def test_any_text_inside_response_markers_converts(text):
    md = Markdown(extensions=[response_markdown.QuotedResponses()])
    html = md.convert(f"Intro.\n\n::: response\n{text}\n:::\n\nOutro.\n")
    # The paragraphs around the block come through, whatever it holds.
    assert html.startswith("<p>Intro.</p>")
    assert "Outro." in html
    assert all(f.line >= 1 for f in md.response_findings)


FIELD_NAMES = ["Title", "Date", "Kind", "Slug", "Summary", "Tags", "Status", "Author", "Modified"]


@PROPERTY
@given(
    header=st.lists(st.tuples(st.sampled_from(FIELD_NAMES), field_values), max_size=8),
    body=st.text(max_size=200),
    junk=st.one_of(st.just(b""), st.binary(max_size=8)),
)
def test_any_header_reads_or_is_a_problem_with_the_file(tmp_path, header, body, junk):
    config = dict(DEFAULT_CONFIG, MARKDOWN={"extensions": []})
    candor_settings.use_markdown_extensions(
        config, response_markdown.QuotedResponses(default_lang="en"), reading.HeaderFields()
    )
    state = build_state(config)
    reader = reading.checked_reader(response_markdown.add_responses_to_metadata)(config)
    lines = []
    for key, value in header:
        lines += [f"{key}: {v}" for v in (value if isinstance(value, list) else [value])]
    path = tmp_path / "p.md"
    path.write_bytes(("\n".join(lines) + "\n\n" + body).encode() + junk)
    try:
        content, metadata = reader.read(str(path))
    except reading.ContentUnreadable:
        problems = state.problems.problems
        assert any(p.fatal for p in problems) and all(p.message for p in problems)
    else:
        # Beside the quotes it found, every field the reader returns was written in the header.
        written = {key.lower() for key, _ in header}
        assert set(metadata) - {"responses", "response_findings"} <= written


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.builds(
                lambda attr, quote, url: f"<a {attr}={quote}{url}{quote}>x</a>",
                st.sampled_from(["href", "HREF", "src", "xlink:href", "formaction"]),
                st.sampled_from(['"', "'", ""]),
                st.sampled_from(
                    [
                        "javascript:alert(1)",
                        "JaVaScRiPt:x",
                        " &#106;avascript:x",
                        "jav&#x09;ascript:x",
                        "data:text/html,x",
                        "https://ok.example/",
                        "vbscript:x",
                        "data:image/png;base64,AA",
                        "java\nscript:x",
                    ]
                ),
            ),  # fmt: skip
        ),
        max_size=6,
    )
)
def test_after_cleaning_no_address_in_any_markup_runs_code(pieces):
    markup = "".join(pieces)
    cleaned, removed = without_script_links(markup)
    assert without_script_links(cleaned)[1] == []
    assert all(runs_code(found.address) for found in removed if found.address)


# --- what reaches a terminal, a header or a file name ----------------------------------

TERMINAL_HOSTILE = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(["\x1b", "\x1b[31m", "\x1b]8;;", "\x07", "\r", "\x9b", "\u202e", "\x00"]),
    ),
    max_size=30,
).map("".join)
# What a terminal acts on instead of showing: C0 and C1 controls, bidirectional overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@PROPERTY
@given(path=TERMINAL_HOSTILE, field=TERMINAL_HOSTILE, message=TERMINAL_HOSTILE)
@example(path="p\x1b]0;title\x07.md", field="Title\r", message="\x1b[2J\x1b]8;;http://x\x07")
def test_a_problem_as_printed_has_no_raw_control_characters(path, field, message):
    shown = str(Problem(path, field, message))
    assert RAW_CONTROL.search(shown) is None
    # A line break only where the message has one: never from a file name or a field.
    assert shown.count("\n") == message.count("\n")


@PROPERTY
@given(name=st.sampled_from(["Subject", "From", "Reply-To"]), value=TERMINAL_HOSTILE)
@example(name="Subject", value="Hi\r\nBcc: everyone@example.com")
@example(name="Subject", value="Hi\x85Bcc: x\u2028y\rz\nw")
def test_a_header_line_is_one_header_whatever_its_value(name, value):
    line = email_message.header_line(name, value)
    # Every line break is a fold (followed by a space or a tab): one logical line.
    assert re.search(r"\r\n(?![ \t])|\r(?!\n)|(?<!\r)\n", line) is None
    assert line.startswith(f"{name}: ")
    parsed = message_from_string(line + "\r\n\r\nbody", policy=email_policy)
    assert list(parsed.keys()) == [name]


@PROPERTY
@given(slug=st.one_of(one_line, st.sampled_from(["..", "../x", "/etc", "a/../../b", "ä" * 130])))
def test_a_slug_is_refused_or_written_inside_its_folder(slug):
    content = SimpleNamespace(
        save_as=f"posts/{slug}/index.html",
        metadata={"slug": slug},
        source_path="/site/content/posts/p.md",
        slug=slug,
    )
    problems = ProblemLog("/site")
    output_paths.check_output_paths([content], SiteFiles(), problems)
    if not problems.problems:
        written = posixpath.normpath(posixpath.join("/out", content.save_as))
        assert written.startswith("/out/posts/")
        assert all(len(part.encode("utf-8", "surrogatepass")) <= 255 for part in written.split("/"))
    else:
        assert all(p.fatal and p.field == "Slug" for p in problems.problems)


@PROPERTY
@given(title=st.text(max_size=400))
def test_a_slug_made_from_any_title_never_leaves_its_folder(title):
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    assert not output_paths.leaves_its_folder(f"posts/{slug}/index.html")


NOTE_PIECES = st.one_of(
    st.builds(lambda n: f"Words{n} stay.", st.integers(0, 999)),
    st.builds(lambda t: f"<!-- {t} -->", st.sampled_from(["note", "two\nlines", "a\n\nb", ""])),
    st.builds(lambda t: f"Before <!-- {t} --> after.", st.sampled_from(["x", "y\nz"])),
    st.just(""),
)


@PROPERTY
@given(pieces=st.lists(NOTE_PIECES, max_size=12))
def test_removing_author_notes_keeps_every_other_word_and_every_line_number(pieces):
    text = "\n".join(pieces)
    md = Markdown(extensions=[AuthorNotes()])
    lines = text.split("\n")
    kept = md.preprocessors["candor_author_notes"].run(list(lines))
    assert len(kept) == len(lines)
    assert md.unclosed_note_lines == []
    result = "\n".join(kept)
    assert "<!--" not in result and "note" not in result
    for word in re.findall(r"Words\d+|Before|after", text):
        assert word in result
