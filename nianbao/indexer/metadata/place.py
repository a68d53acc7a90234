"""Where the publisher sits: province / city / district, from its name or other place evidence."""
from . import agencies
from .divisions import Place, divisions
from .patterns import ADDRESS, HEAD, TITLE_YEAR


def find_place(agency, title, text):
    """Province/city/district of the agency; other place evidence only when it names none."""
    table = divisions()
    names = agencies.split_agency(agency)[0] if agency else []
    if not names:
        sources = [title or ""] + [m.group(1) for m in ADDRESS.finditer(text[:HEAD])]
        for source in sources:
            names = table.leading_places(TITLE_YEAR.sub("", source))[0]
            if names:
                break
    return table.resolve(names, text) if names else Place()
