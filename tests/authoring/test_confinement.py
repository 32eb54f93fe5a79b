"""Nothing outside the content folder is read into the site, nothing outside the output written.

A link that leaves the content folder (`{attach}../../secret.txt`, `{static}/../x`,
`{filename}../../x`, a plain `../../x`) loses its address in every build, keeps its
text, and is a problem with its line (it stops `make publish`). A symbolic link in
the content folder is followed only when what it points at is inside the folder;
otherwise nothing of its target is read and the build stops, naming the link.

The sites are built in tmp/site/content into tmp/site/public/output, so a file beside
the content folder (tmp/site/secret.txt) and one beside the output folder
(tmp/site/public/notes.txt) are both outside; symbolic links are made here, at run
time, since they point into the temporary folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from candor.build.problems import BuildStopped
from conftest import TEST_DATA, BuiltSite, build_site

SECRET = b"password: hunter2, only on the build machine\n"
NOTES = b"notes of the board meeting, never published\n"
SERVERS_OWN = b"the web server's own file, beside the output folder\n"
LINKS = TEST_DATA / "links_leaving_content"
SYMLINKS = TEST_DATA / "symlinks_leaving_content"
FILE_HOW = (
    "put the file in the content folder (in images/, say) and link to it as {static}/images/<name>"
)
LEAVES = "leads outside the content folder and was removed"
PLAIN_HOW = (
    "link to a file with {static}/<path>, a page with {filename}<path>, or a full https:// address"
)
LINK_PROBLEMS = {
    "posts/attach.md": f'line 5: the link to "{{attach}}../../secret.txt" {LEAVES}; {FILE_HOW}',
    # Pelican follows any attribute whose name ends in href, src, data...: data-href too.
    "posts/hidden.md": f'line 5: the link to "{{attach}}../../secret.txt" {LEAVES}; {FILE_HOW}',
    "posts/static.md": f'line 5: the link to "{{static}}/../notes.txt" {LEAVES}; {FILE_HOW}',
    "posts/summary.md": f'line 4: the link to "{{static}}/../notes.txt" {LEAVES}; {FILE_HOW}',
    "posts/filename.md": f'line 5: the link to "{{filename}}../../secret.txt" {LEAVES}; '
    "link to a post or page of the content folder",
    "posts/relative.md": f'line 5: the link to "../../secret.txt" {LEAVES}; {PLAIN_HOW}',
    "posts/image.md": f'line 5: the link to "../../secret.txt" {LEAVES}; {PLAIN_HOW}',
    "emails/notes.md": f'line 7: the link to "{{attach}}../../secret.txt" {LEAVES}; {FILE_HOW}',
}


def site_folder(tmp_path: Path, case: Path) -> Path:
    """tmp/site: the case as its content folder, secrets beside it, a file beside the output."""
    site = tmp_path / "site"
    shutil.copytree(case, site / "content")
    (site / "secret.txt").write_bytes(SECRET)
    (site / "notes.txt").write_bytes(NOTES)
    (site / "public").mkdir()
    (site / "public" / "notes.txt").write_bytes(SERVERS_OWN)
    return site


def build(site: Path, conf: str = "pelicanconf.py", **settings) -> BuiltSite:
    return BuiltSite(build_site(site / "content", site / "public" / "output", conf, **settings))


def stopped(site: Path, conf: str = "pelicanconf.py", **settings) -> list[str]:
    with pytest.raises(BuildStopped) as stop:
        build(site, conf, **settings)
    return sorted(str(problem) for problem in stop.value.problems)


def snapshot(root: Path, leave_out: Path) -> dict[str, str]:
    """Every file under `root` but those under `leave_out`, with a digest of its bytes."""
    files = {}
    for path in root.rglob("*"):
        if path.is_file() and leave_out not in path.parents:
            files[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


@pytest.mark.parametrize("source", sorted(LINK_PROBLEMS))
def test_a_link_leaving_the_content_folder_stops_publish_with_its_file_and_line(source, tmp_path):
    site = site_folder(tmp_path, LINKS)
    problems = stopped(site, "publishconf.py")
    assert f"content/{source}: {LINK_PROBLEMS[source]}" in problems


def test_links_inside_the_content_folder_and_to_the_web_are_no_problem(tmp_path):
    site = site_folder(tmp_path, LINKS)
    problems = stopped(site, "publishconf.py")
    assert sorted(problems) == sorted(
        f"content/{source}: {message}" for source, message in LINK_PROBLEMS.items()
    )
    built = build(site)
    links = [a["href"] for a in built.html("/posts/inside-links/").select("article a[href]")]
    assert {"/about/", "#top", "https://status.example.com/"} <= set(links)


def test_a_development_build_publishes_nothing_from_outside_and_keeps_each_link_text(tmp_path):
    site = site_folder(tmp_path, LINKS)
    built = build(site)
    leaked = [path for path in built.files() if path.read_bytes() in (SECRET, NOTES)]
    assert not leaked
    for slug, text in [
        ("attached-notes", "meeting notes"),
        ("static-notes", "meeting notes"),
        ("linked-notes", "the write-up"),
        ("relative-notes", "the notes"),
    ]:
        page = built.html(f"/posts/{slug}/")
        link = page.find("a", string=text)
        assert link is not None and not link.has_attr("href"), slug
    image = built.html("/posts/relative-image/").find("img", alt="chart")
    assert image is not None and not image.has_attr("src")


def test_a_hostile_static_or_attach_link_writes_no_file_outside_the_output_folder(tmp_path):
    site = site_folder(tmp_path, LINKS)
    output = site / "public" / "output"
    before = snapshot(tmp_path, output)
    build(site)
    assert snapshot(tmp_path, output) == before
    assert (site / "public" / "notes.txt").read_bytes() == SERVERS_OWN
    with pytest.raises(BuildStopped):
        build(site, "publishconf.py")
    assert snapshot(tmp_path, output) == before


# Symbolic links ------------------------------------------------------------------

SYMLINK_HOW = "copy it into the content folder instead of linking to it"


def symlinked_site(tmp_path: Path) -> Path:
    """The symlinks case with links out of the content folder, and one link inside it."""
    site = site_folder(tmp_path, SYMLINKS)
    outside = site / "outside"
    (outside / "posts").mkdir(parents=True)
    (outside / "images").mkdir()
    # Were any of these read, the build would report more: a post of no known kind.
    stolen = "Title: Stolen {}\nDate: 2025-10-01 10:00\nKind: stolen\n\nFrom outside.\n"
    (outside / "secret-post.md").write_text(stolen.format("post"))
    (outside / "posts" / "other.md").write_text(stolen.format("folder post"))
    (outside / "secret-page.md").write_text("Title: Stolen page\n\nFrom outside.\n")
    (outside / "secret-email.md").write_text("Subject: Stolen\n\nFrom outside.\n")
    (outside / "secret.png").write_bytes(SECRET)
    (outside / "images" / "more.png").write_bytes(SECRET)
    content = site / "content"
    links = {
        "posts/leak.md": outside / "secret-post.md",
        "posts/more": outside / "posts",
        "pages/leak.md": outside / "secret-page.md",
        "emails/leak.md": outside / "secret-email.md",
        "images/leak.png": outside / "secret.png",
        "images/more": outside / "images",
        "images/alias.png": Path("..") / "shared" / "team.png",  # inside: followed
    }
    for link, target in links.items():
        os.symlink(target, content / link)
    return site


def test_a_symbolic_link_out_of_the_content_folder_stops_every_build_and_is_not_read(tmp_path):
    site = symlinked_site(tmp_path)
    file_link = (
        f"is a symbolic link to a file outside the content folder, and was not read; {SYMLINK_HOW}"
    )
    folder_link = (
        "is a symbolic link to a folder outside the content folder, and nothing in it was "
        f"read; {SYMLINK_HOW}"
    )
    assert stopped(site) == sorted(
        [
            f"content/emails/leak.md: {file_link}",
            f"content/images/leak.png: {file_link}",
            f"content/images/more: {folder_link}",
            f"content/pages/leak.md: {file_link}",
            f"content/posts/leak.md: {file_link}",
            f"content/posts/more: {folder_link}",
        ]
    )


def test_a_post_naming_a_symbolic_link_out_of_the_content_folder_is_told_its_line(tmp_path):
    site = symlinked_site(tmp_path)
    problems = stopped(site, "publishconf.py")
    assert (
        'content/posts/thanks.md: line 6: the link to "{static}/images/leak.png" leads outside '
        f"the content folder and was removed; {FILE_HOW}"
    ) in problems


def test_a_symbolic_link_inside_the_content_folder_is_followed(tmp_path):
    site = site_folder(tmp_path, SYMLINKS)
    os.symlink(Path("..") / "shared" / "team.png", site / "content" / "images" / "alias.png")
    built = build(site, "publishconf.py")
    image = built.html("/posts/thanks/").find("img", alt="Our team")
    assert image["src"].endswith("/images/alias.png")
    assert built.exists("/images/alias.png")


def test_a_static_path_outside_the_content_folder_stops_every_build_and_is_not_copied(
    tmp_path,
):
    site = site_folder(tmp_path, SYMLINKS)
    (site / "shared").mkdir()
    (site / "shared" / "notes.txt").write_bytes(NOTES)
    output = site / "public" / "output"
    before = snapshot(tmp_path, output)
    problems = stopped(site, STATIC_PATHS=["images", "../shared"])
    assert problems == [
        "shared: is a folder outside the content folder, and nothing in it was read; "
        "move it into the content folder"
    ]
    assert snapshot(tmp_path, output) == before


# reStructuredText reads files of its own: include, and :file: or :url: of raw and csv-table.

RST = TEST_DATA / "rst_file_insertion"
RST_HOW = "put the file in the content folder and name it from there"


def test_a_restructuredtext_post_reading_a_file_outside_the_content_folder_stops_every_build(
    tmp_path,
):
    site = site_folder(tmp_path, RST)
    assert stopped(site) == [
        f'content/posts/include.rst: line 9: "../../secret.txt" is outside the content folder '
        f"and was not read; {RST_HOW}",
        # Included by a snippet of the content folder: the post has no line of it.
        f'content/posts/nested.rst: "../../secret.txt" is outside the content folder '
        f"and was not read; {RST_HOW}",
        f'content/posts/raw.rst: line 10: "../../secret.txt" is outside the content folder '
        f"and was not read; {RST_HOW}",
        'content/posts/url.rst: line 8: "file:///etc/hostname" is an address a build must '
        "not read; paste what it holds into the post instead",
    ]


def test_a_restructuredtext_post_includes_a_file_of_the_content_folder(tmp_path):
    site = site_folder(tmp_path, RST)
    for post in ("include", "nested", "raw", "url"):
        (site / "content" / "posts" / f"{post}.rst").unlink()
    built = build(site, "publishconf.py")
    assert "A note kept beside the posts" in built.text("/posts/included-note/")
