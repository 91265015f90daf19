"""Read a page's forms as a browser would send them, the user changing nothing."""

from html.parser import HTMLParser


class FormDefaults(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "file", "checkbox"):
            self.forms[-1][attrs["name"]] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.forms[-1][attrs["name"]] = attrs.get("value", "y")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.forms[-1][self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.forms[-1][self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_defaults(page: str, holding: str) -> dict[str, str]:
    """The values of the page's form that has a field named `holding`."""
    parser = FormDefaults()
    parser.feed(page)
    return next(form for form in parser.forms if holding in form)
