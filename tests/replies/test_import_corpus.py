"""The test corpus (one reply per mail client and encoding) imported, block by block."""

from __future__ import annotations

import mailbox
import re

import pytest
from importing import CORPUS, blocks_of, copy_site, import_replies, without_id

from candor.build.problems import BuildStopped
from conftest import BuiltSite, build_site, read_site

POST = "posts/apology-replies.md"

# In the order of the corpus's file names; each only what the customer wrote.
EXPECTED = [
    # Apple Mail on an iPhone: "Sent from my iPhone" and the quoted original gone.
    """::: response
Status: pending
Channel: email
Date: 2025-12-03
Language: en
Outcome: unsubscribe

Please remove me from your mailing list. I never signed up for updates in the first place.
:::""",
    # Gmail, quoted-printable, plain and HTML: the plain part, without "On ... wrote:".
    """::: response
Status: pending
Channel: email
Date: 2025-12-02
Language: en
Outcome: thanks

Thanks for owning up so quickly. Our studio only noticed because the phones kept buzzing \
all evening – no harm done.
:::""",
    # Gmail in French: "Le ... a écrit :" gone; a translation to write.
    """::: response
Status: pending
Channel: email
Date: 2025-12-02
Language: fr
Outcome: thanks

Merci pour ces explications claires. J'ai enfin compris pourquoi ma boîte débordait \
vendredi soir.

--- translation
:::""",
    # HTML only: the tracking pixel, the script and the quoted original gone.
    """::: response
Status: pending
Channel: email
Date: 2025-12-04
Language: en
Outcome: other

Good to hear it was a one-off. Keep the list small from now on.
:::""",
    # Outlook in German, latin-1: "Mit freundlichen Grüßen", "Von: / Gesendet:" gone.
    """::: response
Status: pending
Channel: email
Date: 2025-12-03
Language: de
Outcome: unsubscribe

Bitte tragen Sie mich aus Ihrem Verteiler aus. Zwanzig Mails an einem Abend waren \
einfach zu viel.

--- translation
:::""",
    # Outlook, HTML only, base64: signature, disclaimer and divRplyFwdMsg gone.
    """::: response
Status: pending
Channel: email
Date: 2025-12-02
Language: en
Outcome: other

We lost a morning sorting through the duplicates. A heads-up before Friday would have \
helped more than an apology after it.
:::""",
    # Shift JIS.
    """::: response
Status: pending
Channel: email
Date: 2025-12-03
Language: ja
Outcome: thanks

ご丁寧な説明をありがとうございました。金曜日は本当に驚きました。

--- translation
:::""",
    # Thunderbird: the "-- " signature gone, the phone number masked.
    """::: response
Status: pending
Channel: email
Date: 2025-12-02
Language: en
Outcome: thanks

Appreciated the plain explanation. Next time you could also ring me on \
+\\* (\\*\\*\\*) \\*\\*\\*-\\*\\*88, I would rather hear it first.
:::""",
    # UTF-16 with its byte-order mark, base64.
    """::: response
Status: pending
Channel: email
Date: 2025-12-04
Language: en
Outcome: thanks

Thanks, that clears it up. I thought my calendar had been hacked.
:::""",
]
SENDERS = [
    "remy.okafor@customer.example",
    "noor.haddad@customer.example",
    "camille.roux@client.example",
    "t.ruiz@customer.example",
    "j.becker@kunde.example",
    "m.ellery@brightside.example",
    "sato@kokyaku.example",
    "juno@parkbakery.example",
    "ada@lindqvist.example",
    "lee@varga.example",
    "kai@customer.example",
]


@pytest.fixture
def imported(tmp_path, capsys):
    content = copy_site(tmp_path)
    assert import_replies(content, CORPUS) == 0
    return content, capsys.readouterr().out


def test_each_reply_becomes_a_pending_block_of_only_the_customers_words(imported):
    content, _ = imported
    blocks = blocks_of(content / POST)
    assert [without_id(block) for block in blocks] == EXPECTED
    ids = [re.search(r"^Reply-Id: ([0-9a-f]{16})$", b, re.MULTILINE)[1] for b in blocks]
    assert len(set(ids)) == len(EXPECTED)


def test_the_auto_reply_and_the_empty_reply_are_skipped_and_reported(imported):
    _, said = imported
    assert "auto-reply.eml: an automatic reply (Auto-Submitted: auto-replied): skipped" in said
    assert "empty-body.eml: has no text of its own" in said
    assert "html-pixel-script.eml: removed from its HTML: scripts (1), images and " in said
    assert "9 imported into" in said and "2 skipped" in said


def test_the_stated_totals_count_every_reply_imported(imported):
    content, said = imported
    text = (content / POST).read_text(encoding="utf-8")
    assert "\nReplies: 9 (5 thanks, 2 unsubscribe, 2 other)\n" in text.split("\n\n")[0] + "\n"
    assert "Stated totals now: Replies: 9 (5 thanks, 2 unsubscribe, 2 other)" in said


def test_no_senders_address_or_name_is_written_into_the_content(imported):
    content, _ = imported
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in content.rglob("*") if p.is_file()
    )
    for address in SENDERS:
        assert address not in written
    for name in ("Noor", "Haddad", "Okafor", "Morgan", "Ellery", "Becker", "Juno"):
        assert name not in written


def test_importing_the_same_mailbox_twice_adds_nothing(imported, capsys):
    content, _ = imported
    before = (content / POST).read_bytes()
    assert import_replies(content, CORPUS) == 0
    assert (content / POST).read_bytes() == before
    said = capsys.readouterr().out
    assert "0 imported into" in said and "9 already there, 2 skipped" in said
    assert len(blocks_of(content / POST)) == len(EXPECTED)


def test_an_mbox_of_the_same_messages_adds_nothing_new_either(imported, tmp_path, capsys):
    content, _ = imported
    box = mailbox.mbox(tmp_path / "replies.mbox")
    for path in sorted(CORPUS.glob("*.eml")):
        box.add(path.read_bytes())
    box.flush()
    before = (content / POST).read_bytes()
    assert import_replies(content, tmp_path / "replies.mbox") == 0
    assert (content / POST).read_bytes() == before
    assert "0 imported" in capsys.readouterr().out


def test_an_mbox_imports_as_the_folder_of_eml_files_does(tmp_path):
    box = mailbox.mbox(tmp_path / "replies.mbox")
    for path in sorted(CORPUS.glob("*.eml")):
        box.add(path.read_bytes())
    box.flush()
    content = copy_site(tmp_path)
    assert import_replies(content, tmp_path / "replies.mbox") == 0
    assert [without_id(b) for b in blocks_of(content / POST)] == EXPECTED


def test_pending_replies_are_published_nowhere_until_approved(imported, tmp_path):
    content, _ = imported
    site = BuiltSite(build_site(content, tmp_path / "output"))
    everything = "\n".join(
        p.read_text(encoding="utf-8") for p in site.files() if p.suffix in (".html", ".xml")
    )
    assert "owning up so quickly" not in everything
    assert not site.html("/posts/apology-replies/").select("figure.response")
    assert (content / "sends" / "suppressions.txt").exists()
    assert not [p for p in site.files() if p.name == "suppressions.txt"]
    # A publish is not stopped by them: the stated totals count them already.
    read_site(content, tmp_path / "read", CANDOR_STRICT=True)


def test_approving_is_deleting_the_status_line(imported, tmp_path):
    content, _ = imported
    path = content / POST
    text = path.read_text(encoding="utf-8")
    first = text.index("Status: pending\n")
    path.write_text(text[:first] + text[first + len("Status: pending\n") :], encoding="utf-8")
    site = BuiltSite(build_site(content, tmp_path / "output"))
    quotes = site.html("/posts/apology-replies/").select("figure.response")
    assert [q.blockquote.get_text(strip=True) for q in quotes] == [
        "Please remove me from your mailing list. I never signed up for updates in the first place."
    ]
    tally = site.html("/posts/apology-replies/").select_one(".response-tally").get_text()
    assert tally == (
        "9 replies: 5 thanked us, 2 asked to be removed, 2 wrote about something else "
        "· 1 quoted below"
    )


def test_an_approved_reply_in_another_language_needs_its_translation(imported, tmp_path):
    content, _ = imported
    path = content / POST
    text = path.read_text(encoding="utf-8")
    french = text.index("Language: fr")
    status = text.rindex("Status: pending\n", 0, french)
    path.write_text(text[:status] + text[status + len("Status: pending\n") :], encoding="utf-8")
    with pytest.raises(BuildStopped) as stopped:
        read_site(content, tmp_path / "read", CANDOR_STRICT=True)
    assert any("translation is empty" in p.message for p in stopped.value.problems)
