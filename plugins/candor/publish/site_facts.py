"""What the content says the built site must hold, recorded by the build for the checks.

Senders (the only addresses a site may show besides those allowed), drafts and
where each would have been written, every feed entry id, and what each sent
email's text was: gathered once everything is read and linked, as plain data,
so that the checks of the built folder (site_checks.py) never look back into
Pelican's objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr

from pelican.settings import DEFAULT_CONFIG

from ..ledger.sent_emails import sent_fingerprint


@dataclass(frozen=True)
class DraftFacts:
    source_path: str
    title: str
    paths: tuple[str, ...]  # where it would be in the output had it been published


@dataclass
class SiteFacts:
    senders: set[str] = field(default_factory=set)
    drafts: list[DraftFacts] = field(default_factory=list)
    entry_ids: set[str] = field(default_factory=set)
    # ledger key (source path in the content folder) -> (source path, fingerprint)
    sent_emails: dict[str, tuple[str, str]] = field(default_factory=dict)
    # output path -> the source file its body came from, so that a check finding
    # something in a page names the file and line to change (index pages and feeds
    # repeat bodies, and are not in it)
    sources: dict[str, str] = field(default_factory=dict)


def format_paths(item, *patterns: str) -> tuple[str, ...]:
    """Output paths from SAVE_AS patterns; a pattern naming a field the item lacks is skipped."""
    paths = []
    for pattern in patterns:
        try:
            path = str(pattern or "").format(**item.url_format)
        except (KeyError, AttributeError, IndexError, ValueError):
            continue
        if path:
            paths.append(path)
    return tuple(paths)


def gather_facts(context: dict) -> SiteFacts:
    facts = SiteFacts()
    for email in context["emails"]:
        # Reply-To is kept as "Name <address>"; the scan compares bare addresses.
        for sender in (email.sender_address, email.reply_to):
            if sender:
                facts.senders.add(parseaddr(sender)[1])
        facts.sent_emails[email.relative_source_path] = (email.source_path, sent_fingerprint(email))
    for item in context["articles"] + context["emails"]:
        if getattr(item, "entry_id", None):
            facts.entry_ids.add(item.entry_id)
    written = [*context["articles"], *context["emails"], *context.get("pages", ())]
    written += [*context.get("hidden_articles", ()), *context.get("hidden_pages", ())]
    for item in written:
        for save_as in (item.save_as, getattr(item, "eml_save_as", "")):
            if save_as:
                facts.sources[save_as] = item.source_path
    # A draft is looked for where it would be published, and where Pelican writes drafts
    # (its default too: a development build may have put it there).
    patterns = {
        "drafts": ("ARTICLE_SAVE_AS", "DRAFT_SAVE_AS", "DRAFT_LANG_SAVE_AS"),
        "draft_pages": ("PAGE_SAVE_AS", "DRAFT_PAGE_SAVE_AS", "DRAFT_PAGE_LANG_SAVE_AS"),
        "email_drafts": ("EMAIL_SAVE_AS", "EMAIL_EML_SAVE_AS"),
    }
    for group, keys in patterns.items():
        for draft in context.get(group, ()):
            wheres = [context.get(k) for k in keys] + [DEFAULT_CONFIG.get(k) for k in keys]
            paths = tuple(dict.fromkeys(format_paths(draft, *wheres)))
            facts.drafts.append(DraftFacts(draft.source_path, draft.title, paths))
    return facts
