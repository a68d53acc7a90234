"""The web app's settings: declared once, each with a default and a one-line help.

``create_app`` applies the defaults, then the caller's overrides; an override whose
name is neither one of these nor one of Flask's own config keys, or whose type does
not match the default's, stops start-up with ``StartupError`` (a typo such as
``PERPAGE`` would otherwise be silently ignored).
"""
import re
from collections import namedtuple

Setting = namedtuple("Setting", "name default help")

SETTINGS = (
    Setting("INDEX_DIR", "", "Folder of the Whoosh index to serve (required)."),
    Setting("PER_PAGE", 10, "Reports per result page."),
    Setting("FACET_SIZE", 8, "Values shown per facet before '显示更多'."),
    Setting("FACET_MORE_SIZE", 100, "Values of one facet listed after '显示更多' (and children "
                                    "listed in the region tree)."),
    Setting("EXPORT_MAX", 1000, "Most reports one CSV/JSON export contains."),
    Setting("CHART_DISTRICTS", 10, "Most districts drawn in the by-district chart."),
    Setting("COMPARE_MAX", 100, "Most reports one comparison (page, CSV, JSON) holds."),
    Setting("BASE_URL", "", "The site's address (https://host/prefix) for links in exports; "
                            "empty: relative links."),
    Setting("REPORT_PAGE_CHARS", 100_000, "Characters of a report's text per report page."),
    Setting("MAX_URL_BYTES", 16_384, "Longest request target (path and query) accepted; "
                                     "longer: 414."),
    Setting("MAX_HEADER_BYTES", 65_536, "Most bytes of request headers accepted; more: 431."),
)
DEFAULT_SETTINGS = {s.name: s.default for s in SETTINGS}


class StartupError(Exception):
    """A configuration the app cannot start with."""


def check_settings(overrides, flask_keys):
    """Raise StartupError for an unknown setting, one of the wrong type or a bad value."""
    for name, value in overrides.items():
        if name in DEFAULT_SETTINGS:
            default = DEFAULT_SETTINGS[name]
            expected = str if isinstance(default, str) else type(default)
            if isinstance(value, bool) or not isinstance(value, expected):
                raise StartupError(
                    f"setting {name} must be {expected.__name__}, got {value!r}")
        elif name not in flask_keys:
            known = ", ".join(DEFAULT_SETTINGS)
            raise StartupError(f"unknown setting {name!r}; known settings: {known}")
    base = overrides.get("BASE_URL")
    if base and not re.fullmatch(r"https?://[^/\s?#]+(?:/[^\s?#]*)?", base):
        raise StartupError(f"setting BASE_URL must be an http(s) address such as "
                           f"https://nianbao.example.org, got {base!r}")
    for name, value in overrides.items():
        if isinstance(DEFAULT_SETTINGS.get(name), int) and value < 1:
            raise StartupError(f"setting {name} must be at least 1, got {value!r}")
