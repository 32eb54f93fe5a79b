"""Checks over a built site, before anyone can read it.

`make publish` runs them on its staging folder before swapping it in; `make
check` runs them on an existing output folder. They catch what no template
sees alone: a link or an anchor that leads nowhere (link_checks), a feed that
does not parse or a JSON Feed that is not valid (feed_checks), an email
address other than the site's senders (address_checks), a draft that got
published, and a ledger that disagrees with the build.

What the content says (senders, drafts, entry ids, what was sent) is recorded
by the build once it has read everything, as `SiteFacts` (site_facts.py).
"""

from __future__ import annotations

import os

from ..build.problems import Problem, display_path
from ..ledger.as_sent import as_sent
from ..ledger.store import Ledger
from . import address_checks, feed_checks, link_checks
from .site_facts import SiteFacts


def site_files(root: str) -> set[str]:
    files = set()
    for folder, _, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        for name in names:
            files.add(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
    return files


def read_text(root: str, path: str) -> str:
    with open(os.path.join(root, path), encoding="utf-8", errors="replace") as handle:
        return handle.read()


def check_site(
    root: str,
    settings: dict,
    facts: SiteFacts | None,
    ledger: Ledger | None,
    shown_as: str | None = None,
) -> list[Problem]:
    """Every problem with the site built in `root`; `shown_as` is the folder named in messages."""
    shown = display_path(os.path.abspath(shown_as or root))
    facts = facts or SiteFacts()  # a build without the plugin's facts: check what the files say
    found: list[Problem] = []

    def report(path: str | None, what: str, message: str) -> None:
        found.append(Problem(f"{shown}/{path}" if path else shown, what, message))

    def report_in_source(source: str, what: str, message: str) -> None:
        found.append(Problem(display_path(source), what, message))

    if not os.path.isdir(root):
        return [Problem(shown, "", "there is no build here: run `make publish` first")]
    files = site_files(root)
    # Each page is read once, for its links and for the addresses in it.
    html = {p: read_text(root, p) for p in files if p.endswith((".html", ".htm"))}
    pages = {path: link_checks.read_page(path, text) for path, text in html.items()}
    link_checks.check_links(pages, files, settings.get("SITEURL", ""), report)
    feeds = feed_checks.check_feeds(root, files, settings["CANDOR_FEEDS_PATH"], report)
    allowed = address_checks.allowed_addresses(facts.senders, settings)
    address_checks.check_addresses(
        root, files, allowed, report, html, facts.sources, report_in_source
    )
    check_no_drafts(facts, files, pages, feeds, report)
    if ledger is not None:
        ledger_shown = display_path(ledger.path)
        for where, what, message in ledger_disagreements(ledger, facts, feeds):
            found.append(Problem(display_path(where) if where else ledger_shown, what, message))
        for what, message in unresolved_addresses(ledger, files):
            found.append(Problem(ledger_shown, what, message))
    return sorted(found)


def check_no_drafts(facts: SiteFacts, files: set[str], pages: dict, feeds, report) -> None:
    """No draft's page, and no draft's title in a heading, a link or a feed entry."""
    headlines = set(feeds.titles)
    for page in pages.values():
        headlines |= page.headlines
    for draft in facts.drafts:
        source = display_path(draft.source_path)
        for path in draft.paths:
            path = path + "index.html" if path.endswith("/") else path
            if path in files:
                report(
                    path,
                    "draft",
                    f"is the draft {source}; drafts must not be published: set "
                    "DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS to '' in publishconf.py",
                )
        if draft.title and draft.title in headlines:
            report(
                None,
                "draft",
                f'{source} is a draft, yet its title "{draft.title}" appears in the build: '
                "publish it, or keep every mention of it out",
            )


def unresolved_addresses(ledger: Ledger, files: set[str]):
    """(field, message) for each address the ledger recorded that the build does not serve:
    an earlier address of a post or email, or a link of the site in a sent email."""
    recorded = {
        a: f"an address of {key}" for key, history in ledger.addresses.items() for a in history
    }
    for key, entry in ledger.emails.items():
        for address in entry.get("links", []):
            recorded.setdefault(address, f"a link in the sent email {key}")
    for address, what in sorted(recorded.items()):
        page = address + "index.html" if not address or address.endswith("/") else address
        if page not in files and address not in files:
            yield "addresses", f"/{address} ({what}) leads nowhere in this build"


def ledger_disagreements(ledger: Ledger, facts: SiteFacts, feeds):
    """(source path or None for the ledger, field, message) for each disagreement."""
    fix = "run `make publish` and commit the ledger it updates"
    recorded = {entry["id"] for entry in ledger.entries.values()} | set(ledger.feeds.values())
    for unknown in sorted(feeds.ids - recorded):
        yield None, "entries", f"the build's feeds carry the id {unknown}, not recorded: {fix}"
    for key, entry in sorted(ledger.entries.items()):
        if not entry.get("retired") and entry["id"] not in facts.entry_ids:
            title = entry.get("title", key)
            yield None, "entries", f'"{title}" ({key}) is recorded but not in the build'
    for key, (source, current) in sorted(facts.sent_emails.items()):
        entry = ledger.emails.get(key)
        if entry is None:
            yield source, "ledger", f"was published but the ledger has no record of it: {fix}"
        elif as_sent(entry).fingerprint != current:
            yield (
                source,
                "Subject/body",
                "differs from what the ledger recorded as sent: put back the text as sent; "
                "a correction is a dated Correction: note beside it (see the README)",
            )
