"""Settings for `make publish`: the public site. Everything else comes from pelicanconf.py."""

import os
import sys

# Import pelicanconf from beside this file, wherever the build is started from.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

# The public address of the site, without a trailing slash; the deploy may set it.
SITEURL = os.environ.get("SITEURL", "https://notes.tandemrooms.example")
RELATIVE_URLS = False

# Every content problem stops a publish.
CANDOR_STRICT = True

# Drafts stay out of the public site (Pelican writes them to drafts/ by default);
# `make publish` checks that none appears.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
