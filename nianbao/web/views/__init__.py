"""One blueprint per page: search (with exports), report, and the JSON API."""
