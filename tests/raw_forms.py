"""Form posts carrying any text a browser or a script could send.

Django's test client encodes form data strictly, so a lone surrogate never leaves it;
``post_any_text`` sends the body as a browser would have mangled it, which is what a
form's boundary must survive (tests/*/test_form_properties.py).
"""

from urllib.parse import urlencode


def post_any_text(client, url: str, data: dict):
    body = urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass")
    return client.generic(
        "POST", url, body.encode("ascii"), content_type="application/x-www-form-urlencoded"
    )
