"""Each bad input: one line naming the file and the message or line; nothing written."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage

import pytest
from importing import CORPUS, blocks_of, copy_site, import_replies

POST = "posts/apology-replies.md"


@pytest.fixture
def content(tmp_path):
    return copy_site(tmp_path)


def refused(content, source, capsys) -> list[str]:
    """The import stops: the lines it printed; the post and the sends folder untouched."""
    before = (content / POST).read_bytes()
    assert import_replies(content, source) == 1
    assert (content / POST).read_bytes() == before
    assert not (content / "sends").exists()
    said = capsys.readouterr()
    assert "Traceback" not in said.err and str(content) not in said.err
    return said.err.strip().split("\n")


def test_a_file_that_is_neither_mail_nor_csv_is_refused(content, tmp_path, capsys):
    source = tmp_path / "invoice.pdf"
    source.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    lines = refused(content, source, capsys)
    assert lines[0] == (
        f"{source}: is not an mbox file, a folder of .eml files or a CSV file with the "
        "columns channel, date, text; export the replies again in one of these"
    )


def test_a_truncated_mbox_names_the_message_cut_short(content, tmp_path, capsys):
    source = tmp_path / "replies.mbox"
    box = mailbox.mbox(source)
    box.add((CORPUS / "gmail-en.eml").read_bytes())
    box.add((CORPUS / "gmail-en.eml").read_bytes().replace(b"CAF3xq1", b"second"))
    box.flush()
    data = source.read_bytes()
    source.write_bytes(data[: len(data) - 700])  # the second message loses its last part's end
    lines = refused(content, source, capsys)
    assert lines[0].startswith(f"{source}: message 2: is cut short")
    assert lines[-1] == "Nothing was imported: fix these first."


def test_text_not_in_the_charset_it_declares_names_the_message(content, tmp_path, capsys):
    source = tmp_path / "replies"
    source.mkdir()
    (source / "latin1-undeclared.eml").write_bytes(
        b"From: A <a@customer.example>\nDate: Tue, 2 Dec 2025 09:00:00 +0000\n"
        b"Message-ID: <x1@customer.example>\nContent-Type: text/plain\n"
        b"Content-Transfer-Encoding: 8bit\n\nTr\xe8s bien, merci.\n"
    )
    (source / "fine.eml").write_bytes((CORPUS / "gmail-en.eml").read_bytes())
    lines = refused(content, source, capsys)
    assert lines[0].startswith(
        f"{source}: latin1-undeclared.eml: its text is not in the charset it declares (us-ascii)"
    )


def test_a_30_mb_attachment_is_left_out_and_said_so(content, tmp_path, capsys):
    message = EmailMessage()
    message["From"] = "Bo <bo@customer.example>"
    message["Date"] = "Wed, 3 Dec 2025 10:00:00 +0000"
    message["Message-ID"] = "<big-1@customer.example>"
    message.set_content("Thank you. I attach the screenshots of all twenty-five emails.\n")
    message.add_attachment(
        bytes(30 * 1024 * 1024), maintype="application", subtype="zip", filename="shots.zip"
    )
    source = tmp_path / "big.eml"
    source.write_bytes(bytes(message))
    assert import_replies(content, source) == 0
    said = capsys.readouterr().out
    assert "big.eml: its attachment shots.zip (30.0 MB) is not imported" in said
    (block,) = blocks_of(content / POST)
    assert "I attach the screenshots of all twenty-five emails." in block
    assert len((content / POST).read_bytes()) < 2000


def test_a_csv_without_its_columns_is_refused_at_line_1(content, tmp_path, capsys):
    source = tmp_path / "replies.csv"
    source.write_text("channel,author,message\nx,@lena,Great apology\n", encoding="utf-8")
    lines = refused(content, source, capsys)
    assert lines[0] == (
        f"{source}: line 1: the columns date, text are missing; a CSV of replies needs "
        "channel, date, text (and may have author, consent, language, link, email)"
    )


def test_a_formula_cell_is_refused_with_its_line_and_column(content, tmp_path, capsys):
    source = tmp_path / "replies.csv"
    source.write_text(
        "channel,date,text,link\n"
        "x,2025-12-02,Honest and quick. Thanks!,https://x.example/a/status/1\n"
        'social,2025-12-02,"=HYPERLINK(""https://evil.example"",""click"")",\n',
        encoding="utf-8",
    )
    lines = refused(content, source, capsys)
    assert lines[0].startswith(f'{source}: line 3: column text: "=HYPERLINK(')
    assert "is a spreadsheet formula" in lines[0]


def test_a_csv_in_latin_1_names_the_first_line_that_is_not_utf8(content, tmp_path, capsys):
    source = tmp_path / "replies.csv"
    source.write_bytes(b"channel,date,text\nx,2025-12-02,Thanks!\nsocial,2025-12-03,Tr\xe8s bien\n")
    lines = refused(content, source, capsys)
    assert lines[0] == (f"{source}: line 3: is not UTF-8 text; save the file as UTF-8 (CSV UTF-8)")


def test_a_csv_saved_as_utf16_with_its_byte_order_mark_is_read(content, tmp_path):
    source = tmp_path / "replies.csv"
    source.write_bytes(
        "channel,date,text,author,consent\nsocial,2025-12-02,Danke für die Ehrlichkeit!,"
        "Jonas B.,yes\n".encode("utf-16")
    )
    assert import_replies(content, source) == 0
    (block,) = blocks_of(content / POST)
    assert "Name: Jonas B.\nConsent: yes\nChannel: social\n" in block
    assert "Language: de" in block and "Danke für die Ehrlichkeit!" in block


def test_a_name_without_recorded_consent_is_not_written(content, tmp_path):
    source = tmp_path / "replies.csv"
    source.write_text(
        "channel,date,text,author,consent,link\n"
        "x,2025-12-02,Thanks for the honest thread.,@quietfan,no,https://x.example/q/status/2\n"
        "chat,2025-12-03,Thanks for sorting it out.,Pat,,https://chat.example/t/9\n",
        encoding="utf-8",
    )
    assert import_replies(content, source) == 0
    text = (content / POST).read_text(encoding="utf-8")
    assert "quietfan" not in text and "Pat" not in text and "Name:" not in text
    # A public post keeps its link; a support chat is private and has none.
    assert "Source: https://x.example/q/status/2" in text
    assert "chat.example" not in text


def test_bad_rows_are_all_listed_before_anything_is_written(content, tmp_path, capsys):
    source = tmp_path / "replies.csv"
    source.write_text(
        "channel,date,text\npigeon,2025-12-02,Thanks\nx,2 Dec,Thanks\nemail,2025-12-02,\n",
        encoding="utf-8",
    )
    lines = refused(content, source, capsys)
    assert [line.split(": ")[1] for line in lines[:-1]] == ["line 2", "line 3", "line 4"]


def test_an_unknown_post_is_refused_naming_the_slug(content, capsys):
    assert import_replies(content, CORPUS, post="no-such-post") == 1
    assert "POST: no post in" in capsys.readouterr().err


def test_html_nested_thousands_deep_is_refused_at_once_not_parsed_for_minutes(
    content, tmp_path, capsys
):
    message = EmailMessage()
    message["From"] = "Bo <bo@customer.example>"
    message["Date"] = "Wed, 3 Dec 2025 10:00:00 +0000"
    message["Message-ID"] = "<deep-1@customer.example>"
    message.set_content("<div>" * 20000 + "Thanks!" + "</div>" * 20000, subtype="html")
    source = tmp_path / "deep.eml"
    source.write_bytes(bytes(message))
    first, *rest = refused(content, source, capsys)
    assert first.endswith(
        "deep.eml: its HTML is nested 20,000 levels deep (a reply is at most 500); export "
        "it as plain text, or paste the reply into a CSV file"
    )
    assert rest == ["Nothing was imported: fix these first."]
