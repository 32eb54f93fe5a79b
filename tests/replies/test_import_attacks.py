"""A hostile mailbox and a careless author: an imported reply stays pending and stays put.

Each test here first reproduced a fault the red team found: a reply's text or a
CSV cell that closed its own block and opened an approved one, a reply that
turned the blocks after it into code shown on the page, a tampered suppression
list that `make send` read as empty.
"""

from __future__ import annotations

import shutil

import pytest
from importing import PROJECT, blocks_of, copy_site, import_replies

from conftest import BuiltSite, build_site

POST = "posts/apology-replies.md"


@pytest.fixture
def content(tmp_path):
    return copy_site(tmp_path)


def csv_file(tmp_path, rows: str):
    source = tmp_path / "replies.csv"
    source.write_text("channel,date,text,language\n" + rows, encoding="utf-8", newline="")
    return source


def everything_built(content, tmp_path) -> str:
    site = BuiltSite(build_site(content, tmp_path / "output"))
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.root.rglob("*")
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".eml", ".ics")
    )


def test_a_reply_with_bare_carriage_returns_cannot_close_its_block_and_publish_itself(
    content, tmp_path
):
    # An editor, Pelican and Markdown all read a lone CR as a line break.
    source = csv_file(
        tmp_path,
        'email,2025-12-03,"hello\r:::\r::: response\rChannel: email\r\r'
        'CR-INJECTED words\r:::",en\n',
    )
    assert import_replies(content, source) == 0
    assert "\r" not in (content / POST).read_text(encoding="utf-8", errors="strict")
    assert len(blocks_of(content / POST)) == 1
    assert "CR-INJECTED" not in everything_built(content, tmp_path)


def test_a_language_cell_with_line_breaks_is_refused_not_written_into_the_block(
    content, tmp_path, capsys
):
    before = (content / POST).read_bytes()
    source = csv_file(
        tmp_path,
        'email,2025-12-04,"words",'
        '"en\n:::\n::: response\nChannel: email\n\nLANG-INJECTED\n:::\n::: response"\n',
    )
    assert import_replies(content, source) == 1
    assert (content / POST).read_bytes() == before
    said = capsys.readouterr().err
    # Named by the line the row starts on, the cell shown on one line.
    first, *rest = said.strip().split("\n")
    assert first.startswith(f'{source}: line 2: column language: "en\\n:::\\n'), said
    assert rest == ["Nothing was imported: fix these first."], said


def test_a_reply_with_an_unclosed_code_fence_leaves_the_next_pending_block_unpublished(
    content, tmp_path
):
    source = csv_file(
        tmp_path,
        'email,2025-12-01,"my logs:\n```\nerror 500",en\n'
        'email,2025-12-02,"FENCE-NEIGHBOUR private words",en\n',
    )
    assert import_replies(content, source) == 0
    assert "FENCE-NEIGHBOUR" not in everything_built(content, tmp_path)


@pytest.mark.parametrize("opening", ["<!-- my notes", "<div>", "<script>alert(1)"])
def test_a_reply_with_unclosed_html_leaves_the_next_pending_block_unpublished(
    content, tmp_path, opening
):
    source = csv_file(
        tmp_path,
        f'email,2025-12-01,"{opening}",en\nemail,2025-12-02,"HTML-NEIGHBOUR private words",en\n',
    )
    assert import_replies(content, source) == 0
    built = everything_built(content, tmp_path)
    assert "HTML-NEIGHBOUR" not in built
    assert opening not in built


@pytest.mark.parametrize(
    ("post", "file", "said"),
    [
        ("apology-duplicate-emails", "emails/2025-12-01-apology.md", "is an email, not a post"),
        ("about", "pages/about.md", "is a page, not a post"),
    ],
)
def test_replies_go_only_into_a_post_never_into_a_sent_email_or_a_page(
    tmp_path, capsys, post, file, said
):
    content = tmp_path / "site" / "content"
    shutil.copytree(PROJECT / "content", content)
    before = (content / file).read_bytes()
    source = csv_file(tmp_path, "email,2025-12-02,words,en\n")
    assert import_replies(content, source, post=post) == 1
    assert (content / file).read_bytes() == before
    error = capsys.readouterr().err
    assert error.startswith(f"POST: {file} {said};"), error


def test_a_post_given_as_a_path_outside_the_posts_is_refused(tmp_path, content, capsys):
    elsewhere = tmp_path / "notes.md"
    elsewhere.write_text("Title: Not a post\n\nMy own notes.\n", encoding="utf-8")
    source = csv_file(tmp_path, "email,2025-12-02,words,en\n")
    assert import_replies(content, source, post=str(elsewhere)) == 1
    assert elsewhere.read_text(encoding="utf-8") == "Title: Not a post\n\nMy own notes.\n"
    assert "is not a post in " in capsys.readouterr().err


def test_a_file_name_with_terminal_escapes_is_printed_as_text(content, tmp_path, capsys):
    mailbox = tmp_path / "replies"
    mailbox.mkdir()
    (mailbox / "remove\x1b[2Jme.eml").write_bytes(
        b"From: <>\nDate: Mon, 1 Dec 2025 10:00:00 +0000\nMessage-ID: <a@x.example>\n\n"
        b"Please unsubscribe me.\n"
    )
    assert import_replies(content, mailbox) == 0
    said = capsys.readouterr().out
    assert "\x1b" not in said
    assert "remove\\x1b[2Jme.eml: asks to be removed, but has no address" in said, said


def test_a_csv_saved_by_a_european_spreadsheet_with_semicolons_is_read(content, tmp_path):
    # Excel in German or French locales writes "CSV" with ; between cells, and a BOM.
    source = tmp_path / "replies.csv"
    row = 'email;2025-12-01;"Merci, c\'est clair; bravo";fr\n'
    source.write_bytes(("\ufeffchannel;date;text;language\n" + row).encode("utf-8"))
    assert import_replies(content, source) == 0
    (block,) = blocks_of(content / POST)
    assert "\nMerci, c'est clair; bravo\n" in block and "Language: fr" in block


def test_a_post_saved_with_windows_line_endings_keeps_its_bytes_around_the_new_blocks(
    content, tmp_path
):
    post = content / POST
    original = post.read_bytes().replace(b"\n", b"\r\n")
    post.write_bytes(original)
    assert import_replies(content, csv_file(tmp_path, "email,2025-12-02,words,en\n")) == 0
    after = post.read_bytes()
    header, _, body = original.partition(b"\r\n\r\n")
    assert after.startswith(header + b"\r\nReplies: 1 (1 other)\r\n\r\n" + body.rstrip(b"\r\n"))
    assert b"\n" not in after.replace(b"\r\n", b"")


@pytest.mark.parametrize("through_a_link", [False, True])
def test_replies_are_not_read_from_the_sites_own_content_such_as_the_sent_copies(
    tmp_path, capsys, through_a_link
):
    content = tmp_path / "site" / "content"
    shutil.copytree(PROJECT / "content", content)
    post = content / "posts" / "2025-12-08-what-you-told-us.md"
    before = post.read_bytes()
    source = content / "sends"
    if through_a_link:
        (tmp_path / "mailbox").symlink_to(source)
        source = tmp_path / "mailbox"
    assert import_replies(content, source, post="what-you-told-us") == 1
    assert post.read_bytes() == before
    said = capsys.readouterr().err
    assert said.startswith(f"FROM: {source} is inside the site's content folder"), said


def test_a_post_saved_by_its_author_during_an_import_keeps_the_authors_edit(
    content, tmp_path, capsys, monkeypatch
):
    from candor.commands import replies as command

    post = content / POST
    planned = command.plan_import

    def author_saves_meanwhile(*arguments, **keywords):
        plan = planned(*arguments, **keywords)
        post.write_text(post.read_text(encoding="utf-8") + "\nA line the author added.\n")
        return plan

    monkeypatch.setattr(command, "plan_import", author_saves_meanwhile)
    source = csv_file(tmp_path, "email,2025-12-03,Thank you for the honest note.,en\n")
    assert import_replies(content, source) == 1
    edited_by_author = post.read_text(encoding="utf-8")
    assert edited_by_author.endswith("A line the author added.\n")
    assert "Thank you for the honest note." not in edited_by_author
    assert "was changed while the replies were imported" in capsys.readouterr().err
