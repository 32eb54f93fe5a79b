"""What a careless user or an attacker tried after issue 15's fixes, and what must hold.

Each test builds the small publish_site case (copied, then given the one hostile
file or link of its situation) with Pelican's own build, as `make html` does.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from candor.build.problems import BuildStopped
from conftest import TEST_DATA, BuiltSite, build_site

POST = "Title: {title}\nDate: 2025-10-03 10:00 -04:00\nKind: thank-you\n{fields}\nHello.\n"


def content_folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "publish_site", content)
    return content


def add_post(content: Path, name: str, fields: str, title: str = "A post") -> None:
    (content / "posts" / name).write_text(POST.format(title=title, fields=fields))


def set_sender(content: Path, field: str, value: str) -> None:
    email = content / "emails" / "thanks-email.md"
    lines = [
        f"{field}: {value}" if line.startswith(f"{field}:") else line
        for line in email.read_text().splitlines()
    ]
    email.write_text("\n".join(lines) + "\n")


def stopped(content: Path, output: Path, conf: str = "pelicanconf.py") -> list[str]:
    with pytest.raises(BuildStopped) as stop:
        build_site(content, output, conf)
    return [str(problem) for problem in stop.value.problems]


@pytest.mark.parametrize(
    ("save_as", "other"),
    [
        ("feeds", "feeds/all.atom.xml"),
        ("posts", "posts/good-year/index.html"),
        ("index.html/extra.html", "index.html"),
    ],
)
def test_a_save_as_onto_a_folder_of_the_site_or_under_one_of_its_files_names_both(
    save_as, other, tmp_path
):
    # A file and a folder cannot share an address: the writer failed with the
    # staging folder's temporary path in a "Build failed: FileExistsError" line.
    content = content_folder(tmp_path)
    add_post(content, "clash.md", f"Save_as: {save_as}\n")
    problems = stopped(content, tmp_path / "output")
    clash = [problem for problem in problems if problem.startswith("content/posts/clash.md")]
    assert len(clash) == 1, problems
    assert "Save_as" in clash[0] and other.split("/")[0] in clash[0]
    assert "staging" not in " ".join(problems)
    assert not (tmp_path / "output").exists()


def test_a_symbolic_link_loop_in_the_content_folder_publishes_each_file_once(tmp_path):
    # images/again -> . is a link inside the content folder, so it may be followed,
    # but following it again and again published images/again/again/.../photo.txt
    # forty times, and two such links made the build run for ever.
    content = content_folder(tmp_path)
    images = content / "images"
    images.mkdir()
    (images / "photo.txt").write_text("one photo\n")
    (images / "again").symlink_to(".")
    (images / "and-again").symlink_to(".")
    started = time.perf_counter()
    built = BuiltSite(build_site(content, tmp_path / "output", STATIC_PATHS=["images"]))
    assert time.perf_counter() - started < 30
    copies = [path for path in built.files() if path.name == "photo.txt"]
    assert [str(path.relative_to(built.root)) for path in copies] == ["images/photo.txt"]


@pytest.mark.parametrize("field", ["From", "Reply-To"])
def test_an_encoded_line_break_in_a_sender_is_an_error_naming_the_field(field, tmp_path):
    # "=?utf-8?q?...=0D=0A...?=" decodes to a line break: the email package raised
    # ValueError and the build said only "Build failed: ValueError".
    content = content_folder(tmp_path)
    set_sender(content, field, "=?utf-8?q?Sam=0D=0ABcc=3A_x=40y.example?= <help@example.com>")
    problems = stopped(content, tmp_path / "output", "publishconf.py")
    assert any(
        problem.startswith(f"content/emails/thanks-email.md: {field}: ") for problem in problems
    ), problems


def test_a_sender_at_an_international_domain_is_sent_from_its_ascii_form(tmp_path):
    # community@münchen.example passed the checks, then formataddr raised
    # UnicodeEncodeError and the build said only "Build failed".
    content = content_folder(tmp_path)
    set_sender(content, "From", "Sam Ortiz <community@münchen.example>")
    built = BuiltSite(build_site(content, tmp_path / "output"))
    message = built.path("/emails/thanks-email.eml").read_bytes().decode("ascii")
    assert "From: Sam Ortiz <community@xn--mnchen-3ya.example>" in message.splitlines()


def test_a_sender_with_letters_outside_ascii_before_the_at_is_an_error_naming_the_field(
    tmp_path,
):
    content = content_folder(tmp_path)
    set_sender(content, "From", "Zoë <zoë@example.com>")
    problems = stopped(content, tmp_path / "output", "publishconf.py")
    assert any(
        problem.startswith("content/emails/thanks-email.md: From: ") for problem in problems
    ), problems


def test_an_address_written_with_a_fullwidth_at_sign_is_masked_in_a_quote(tmp_path):
    # "jane＠customer.example" reads, and is copied into a mail client, as an address.
    content = content_folder(tmp_path)
    (content / "posts" / "replies.md").write_text(
        "Title: Replies\nDate: 2025-10-04 10:00 -04:00\nKind: responses\nSlug: replies\n\n"
        "::: response\nChannel: email\n\nWrite to jane\uff20customer.example, "
        "or jim\ufe6bcustomer.example.\n:::\n"
    )
    built = BuiltSite(build_site(content, tmp_path / "output"))
    quote = built.html("/posts/replies/").select_one("blockquote").get_text()
    assert "jane" not in quote and "jim" not in quote, quote
    assert quote.count("***@customer.example") == 2, quote
