"""Settings for `make publish`: the public site. Everything else comes from pelicanconf.py."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address of the site, without a trailing slash; the deploy may set it.
SITEURL = os.environ.get("SITEURL", "https://notes.tandemrooms.example")
RELATIVE_URLS = False

# Every content problem stops a publish.
CANDOR_STRICT = True
