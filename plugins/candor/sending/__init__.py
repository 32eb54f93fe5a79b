"""Sending an announcement: `make send-test` and `make send` (commands/sending.py).

relay_settings.py  the relay and the sending rules, from the settings file and the environment
audience.py        the list file read line by line: checked, duplicates and suppressions removed
send_log.py        the append-only record of every delivery, addresses kept only as keyed hashes
suppressions.py    who asked never to be emailed (from their replies), kept as keyed hashes
compose.py         the email read from the content as a publish reads it, made into the message
delivery.py        one SMTP connection, the rate limit, each recipient's own headers
progress.py        the progress bar: the count and the rate
confirm.py         what is about to happen, shown, and the count typed back
email_file.py      Sent:, Recipients: written into the email's file when the send ends
passes.py          the two passes over the list (count, then send) and the report

Sending adds no build steps, so this package has no `Feature`: the build never sends.
"""
