"""The redirect pages of a built site, for a host that redirects by itself (S3).

    python -m candor.publish.redirects OUTPUT

prints `<file>\t<new address>` for each redirect page Candor wrote at an old
address of a post or email (ledger/addresses.py). The page works on any host;
S3's website endpoint can also answer with a real 301 when the object carries
`x-amz-website-redirect-location`, which `make s3_upload` sets from this list.
"""

from __future__ import annotations

import os
import re
import sys

# The two things only a redirect page's head has: a refresh, and where it points.
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def redirect_pages(output: str) -> list[tuple[str, str]]:
    found = []
    for folder, _, names in os.walk(output):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as page:
                head = page.read(2048)  # the refresh is in the first lines
            match = REFRESH.search(head)
            if match:
                found.append((os.path.relpath(path, output).replace(os.sep, "/"), match[1]))
    return sorted(found)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not os.path.isdir(argv[0]):
        print("usage: python -m candor.publish.redirects OUTPUT (a built site)", file=sys.stderr)
        return 2
    for key, target in redirect_pages(argv[0]):
        print(f"{key}\t{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
