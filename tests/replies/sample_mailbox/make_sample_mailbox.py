"""Writes the sample mailbox: the replies quoted in the sample's round-up, as they arrived.

Run once (`python tests/replies/sample_mailbox/make_sample_mailbox.py`); its output is
committed. Each email reply of content/posts/2025-12-08-what-you-told-us.md becomes a
message in a mail client's style (Gmail, Outlook, Apple Mail, Thunderbird, in turn), with
the apology quoted under it and a signature; the two public posts go into a CSV export.
"""

from __future__ import annotations

import csv
import mailbox
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
POST = HERE.parents[2] / "content" / "posts" / "2025-12-08-what-you-told-us.md"
BLOCK = re.compile(r"^::: response\n(.*?)\n\n(.*?)^:::$", re.MULTILINE | re.DOTALL)
US = "Tandem Rooms <community@tandemrooms.example>"
APOLOGY = "We sent some of you up to 25 emails on Friday evening. That was our mistake."
SENT = "Mon, 1 Dec 2025 09:00:00 -0500"


def styled(style: int, text: str, name: str) -> tuple[str, str | None]:
    """(plain text, HTML or None) of a reply written in one mail client."""
    quoted = "\n".join(f"> {line}" for line in APOLOGY.split("\n"))
    if style == 0:  # Gmail: plain and HTML
        plain = f"{text}\n\nOn {SENT}, {US} wrote:\n\n{quoted}\n"
        html = (
            f'<div dir="ltr">{text}</div><br><div class="gmail_quote"><div class="gmail_attr">'
            f'On {SENT}, Tandem Rooms wrote:<br></div><blockquote class="gmail_quote">'
            f"{APOLOGY}</blockquote></div>"
        )
        return plain, html
    if style == 1:  # Outlook: HTML only, signature, the original after divRplyFwdMsg
        html = (
            f'<html><body><div>{text}</div><div><br></div><div id="Signature">Best regards,'
            f'<br>{name}</div><hr><div id="divRplyFwdMsg"><b>From:</b> Tandem Rooms<br>'
            f"<b>Sent:</b> Monday, December 1, 2025 9:00 AM</div><div>{APOLOGY}</div>"
            "</body></html>"
        )
        return "", html
    if style == 2:  # Apple Mail on an iPhone
        return (
            f"{text}\n\nSent from my iPhone\n\n"
            f"> On 1 Dec 2025, at 09:00, {US} wrote:\n>\n{quoted}\n",
            None,
        )
    # Thunderbird: "-- " signature, then the original
    return f"{text}\n\n-- \n{name}\n\nOn 01/12/2025 09:00, Tandem Rooms wrote:\n{quoted}\n", None


def main() -> None:
    text = POST.read_text(encoding="utf-8")
    box_path = HERE / "what-you-told-us.mbox"
    box_path.unlink(missing_ok=True)
    box = mailbox.mbox(box_path)
    rows = []
    for number, (header, quote) in enumerate(BLOCK.findall(text), start=1):
        fields = dict(line.split(": ", 1) for line in header.split("\n"))
        quote = quote.split("\n--- translation")[0].strip()
        if fields["Channel"] != "email":
            rows.append(
                [
                    fields["Channel"],
                    fields["Date"],
                    quote,
                    fields.get("Name", ""),
                    fields.get("Consent", ""),
                    fields.get("Source", ""),
                ]
            )
            continue
        name = fields.get("Name", f"Customer {number}")
        plain, html = styled(number % 4, quote.replace("\n", " "), name)
        message = EmailMessage()
        message["From"] = f"{name} <customer{number}@mail.example>"
        message["To"] = US
        message["Subject"] = "Re: Sorry for the pile of emails on Friday"
        day = datetime.fromisoformat(fields["Date"]).replace(hour=15, tzinfo=UTC)
        message["Date"] = format_datetime(day)
        message["Message-ID"] = f"<sample-{number}@mail.example>"
        if plain:
            message.set_content(plain)
            if html:
                message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
        box.add(message)
    box.flush()
    with open(HERE / "what-you-told-us-elsewhere.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["channel", "date", "text", "author", "consent", "link"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
