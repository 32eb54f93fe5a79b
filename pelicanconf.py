"""Settings for building the Candor sample site (and a starting point for yours).

`make html` and `make serve` use this file; `make publish` uses publishconf.py,
which imports this one and changes what differs for the public site.
"""

AUTHOR = "Priya Raman"
SITENAME = "Tandem Rooms: notes to our customers"
SITESUBTITLE = "What went well, what went wrong, and what you told us"
SITEURL = ""

PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"

# Posts live in content/posts, pages in content/pages, email announcements in
# content/emails (read by the Candor plugin, never as posts).
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
DEFAULT_CATEGORY = "News"
USE_FOLDER_AS_CATEGORY = False

# Clean, folder-style addresses: /posts/<slug>/ and /<page slug>/.
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
ARCHIVES_URL = "archives/"
TAGS_SAVE_AS = "tags/index.html"
TAGS_URL = "tags/"
CATEGORIES_SAVE_AS = "categories/index.html"
CATEGORIES_URL = "categories/"
# One voice per site: no per-author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "404"]

DEFAULT_PAGINATION = 10

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["candor"]

# Feeds: Candor writes Atom, RSS and JSON Feed under /feeds/ (Pelican's own FEED_*
# settings are ignored). Entry ids are tag URIs minted from this authority, a domain
# the company owns; set it once and never change it.
CANDOR_ID_AUTHORITY = "tandemrooms.example"
CANDOR_ID_SINCE = "2025-11-01"
FEED_MAX_ITEMS = 50
# The kit has no feeds of its own from before Candor: Candor writes every one.
CANDOR_KEEP_PELICAN_FEEDS = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Candor: the parts of the product customers use, shown on /status/ with their condition
# right now and their last 90 days. An incident's or a maintenance window's `Systems:`
# names them; each gets its own feeds. `slug` is made from the name when left out.
CANDOR_SYSTEMS = [
    {"name": "Video rooms", "description": "Joining, hosting and sharing screens in meetings.",
     "group": "Meetings"},
    {"name": "Recordings", "description": "Recording meetings and playing them back.",
     "group": "Meetings"},
    {"name": "Booking pages", "description": "The pages where people book time with you.",
     "group": "Scheduling"},
    {"name": "Customer email", "description": "Receipts, reminders and news we email you.",
     "group": "Email from us"},
    {"name": "Lifecycle workflows",
     "description": "Automated series of emails, such as tips during a trial.",
     "group": "Email from us"},
]  # fmt: skip
# Upcoming maintenance appears in the banner of every page this many hours before it starts.
CANDOR_MAINTENANCE_NOTICE = 48

# Candor: the kit's stricter rules. Every post says its kind (thank-you, incident or
# responses), and a post Pelican would skip (no Date, no Title, an unknown Status) stops
# the build. A site adopting the plugin leaves this off: its posts build as before.
CANDOR_STRICT_CONTENT = True

# Candor: the kit's theme escapes everything it prints and marks HTML with |safe, so every
# template is escaped, not only Candor's own pages (a title holding <script> stays text).
CANDOR_ESCAPE_THEME = True

# Candor: strict builds stop on every content problem (see publishconf.py).
CANDOR_STRICT = False
