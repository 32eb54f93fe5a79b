"""One import, planned whole before anything is written: which replies are new, as blocks.

`plan_import` reads nothing but the post and the replies already read, and
writes nothing: the command (commands/replies.py) writes the suppression list
and then the post, only once the whole plan is known.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .blocks_written import content_key, date_text, masked, pending_block, reply_id
from .incoming import IncomingReply
from .into_post import read_post, replies_field, with_new_blocks
from .suggestions import detected_language, suggested_outcome


@dataclass
class ImportPlan:
    imported: list[str] = field(default_factory=list)  # "message 3: thanks, en"
    skipped: list[str] = field(default_factory=list)  # "message 4: an automatic reply ..."
    already: list[str] = field(default_factory=list)  # where, of replies already in the post
    notes: list[str] = field(default_factory=list)
    to_translate: int = 0
    remove_me: list[str] = field(default_factory=list)  # addresses: only for the hashed list
    remove_me_without_address: list[str] = field(default_factory=list)
    replies_line: str = ""
    new_text: str | None = None  # None: nothing new, the post stays as it is


def plan_import(
    post_path: str, replies: list[IncomingReply], site_language: str, region: str
) -> ImportPlan:
    post = read_post(post_path, region)
    plan = ImportPlan()
    blocks, outcomes = [], Counter()
    for reply in replies:
        plan.notes += [f"{reply.where}: {note}" for note in reply.notes]
        if reply.skipped:
            plan.skipped.append(f"{reply.where}: {reply.skipped}")
            continue
        text = masked(reply.text, region)
        key = content_key(reply.channel, date_text(reply), text)
        identity = reply_id(reply, text)
        if identity in post.ids or key in post.keys:
            plan.already.append(reply.where)
            continue
        post.ids.add(identity)
        post.keys.add(key)
        language = reply.language or detected_language(reply.text, site_language)
        outcome = suggested_outcome(reply.text)
        blocks.append(pending_block(reply, text, language, outcome, site_language))
        outcomes[outcome] += 1
        plan.imported.append(f"{reply.where}: {outcome}, {language}")
        if language.split("-")[0].lower() != site_language.split("-")[0].lower():
            plan.to_translate += 1
        if outcome == "unsubscribe":
            if reply.sender:
                plan.remove_me.append(reply.sender)
            else:
                plan.remove_me_without_address.append(reply.where)
    if blocks:
        plan.replies_line = replies_field(post, outcomes)
        plan.new_text = with_new_blocks(post, blocks, plan.replies_line)
    return plan
