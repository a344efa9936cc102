"""A fault-injecting HTTP server on 127.0.0.1: the fixture pages, and pages that go wrong.

    with FaultServer() as server:
        crawl(out, "-a", f"urls={FAULT_404},{FAULT_429}", "-a", f"site={server.base}")
    server.hits_for(FAULT_429)  # every request it saw: path, query, arrival time, headers

Every fixture page is served at the path of its ``meta.json`` URL (with and without
the trailing slash). The fault paths answer as their constant's comment says. The
server is bounded: it listens on an ephemeral port, each request is handled in a
daemon thread, the slowest answer (``/fault/slow``) takes ``slow_seconds`` and a
socket that stops reading times out after :data:`SOCKET_TIMEOUT` seconds, so no
response outlives a test by more than a few seconds.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import quote, urlsplit

from careerscrape.parsing.urls import canonical_url
from careerscrape.testing.fixtures import DEFAULT_ROOT
from support.crawl import ROOT

PAGES = ROOT / DEFAULT_ROOT
CANONICAL = "https://www.zippia.com"
#: A host that must never be looked up: ``.example`` is reserved (RFC 2606) and has no
#: address, so a request to it could only fail, and would show as a DNS error in the log.
OFFSITE_HOST = "other.example"
#: Seconds a handler may block writing to a client that went away.
SOCKET_TIMEOUT = 5.0

FAULT_404 = "/fault/404"  # 404, an HTML "page not found"
FAULT_410 = "/fault/410"  # 410, an HTML "gone"
FAULT_429 = "/fault/429"  # 429 + Retry-After: 1, twice; then a role page (bar attendant)
FAULT_500 = "/fault/500"  # 500, twice; then a role page (registered nurse)
FAULT_503 = "/fault/503"  # 503, twice; then a role page (chef)
FAULT_SLOW = "/fault/slow"  # answers a role page after slow_seconds (3 s)
FAULT_TRUNCATED = "/fault/truncated"  # the first 60% of a comparison page: ends mid-table
FAULT_EMPTY = "/fault/empty"  # 200 text/html, empty body
FAULT_CAPTCHA = "/fault/captcha"  # 200, a Cloudflare "Just a moment..." managed challenge
FAULT_CAPTCHA_403 = "/fault/captcha-403"  # 403, a Cloudflare "Attention Required!" captcha
FAULT_LOGIN = "/fault/login"  # 302 to /login?next=/fault/login, a "Log in | Zippia" form
LOGIN = "/login"
FAULT_PDF = "/fault/pdf"  # 200 application/pdf
FAULT_LATIN1 = "/fault/latin1"  # the chef page in windows-1252, declared only in <meta>
FAULT_HUGE = "/fault/huge"  # a valid role page padded to 5 MB (DOWNLOAD_MAXSIZE is 4 MB)
FAULT_LOOP_A = "/fault/loop-a"  # 301 to loop-b
FAULT_LOOP_B = "/fault/loop-b"  # 301 to loop-a
FAULT_FORBIDDEN = "/fault/forbidden/"  # disallowed by robots.txt (serves a role page)
#: A real role page whose four "X vs. Y" comparison sub-headings link to OFFSITE_HOST.
OFFSITE_PAGE = "/customer-service-director-jobs/what-does-a-customer-service-director-do/"
OFFSITE_LINKS = 4

ROBOTS_TXT = b"User-agent: *\nDisallow: /fault/forbidden/\n"
#: Tries answered with an error before /fault/429, /fault/500 and /fault/503 recover.
FAILURES_BEFORE_RECOVERY = 2
RETRY_AFTER_SECONDS = 1
HUGE_BYTES = 5 * 1024 * 1024
#: Written into a responsibility of the windows-1252 page; the record must hold it intact.
LATIN1_WORDS = ("café crème", "résumé")
LATIN1_DUTY = "Prepare café crème desserts and keep a résumé of every banquet menu."

_HTML = "text/html; charset=utf-8"
_CLOUDFLARE = {"Server": "cloudflare", "CF-RAY": "8f3a2b1c9d4e5f60-FRA"}


def canonical(path: str) -> str:
    """The URL a record or reject of ``path`` carries: canonical, a page's ending with /."""
    return canonical_url(CANONICAL + path)


@dataclass(frozen=True)
class Hit:
    """One request the server saw."""

    path: str
    query: str
    at: float  # time.monotonic() when the request line was read
    headers: dict[str, str]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    delay: float = 0.0


def page(name: str) -> bytes:
    return (PAGES / name / "page.html").read_bytes()


def fixture_pages() -> dict[str, bytes]:
    """Every fixture page by the path of its meta.json URL, with and without a final ``/``."""
    pages: dict[str, bytes] = {}
    for meta in sorted(PAGES.glob("*/meta.json")):
        path = urlsplit(json.loads(meta.read_text(encoding="utf-8"))["url"]).path.rstrip("/")
        body = (meta.parent / "page.html").read_bytes()
        pages.setdefault(path, body)
        pages.setdefault(path + "/", body)
    return pages


# -- the fault bodies ----------------------------------------------------------------------


def truncated_page() -> bytes:
    """The first 60% of a comparison page's bytes: it stops inside its figures table."""
    body = page("vs-customer-service-manager-vs-operations-manager--legacy")
    cut = body[: int(len(body) * 0.6)]
    lower = cut.lower()
    assert lower.rfind(b"<table") > lower.rfind(b"</table"), "the cut is not inside a table"
    assert b"</body" not in lower and b"</html" not in lower
    return cut


def latin1_page() -> bytes:
    """The chef page re-encoded to windows-1252, its charset only in ``<meta charset>``."""
    html = page("role-chef--nextjs").decode("utf-8")
    # The visible list item (the stale __NEXT_DATA__ copy of it keeps its text).
    duty = ">Prep; cook; deliver and manage off site catering events per BEO orders.<"
    assert html.count(duty) == 1
    html = html.replace(duty, f">{LATIN1_DUTY}<")
    html, declared = re.subn(r'<meta charSet="utf-8"\s*/>', '<meta charset="windows-1252"/>', html)
    assert declared == 1
    assert "charset" not in html.lower().replace('<meta charset="windows-1252"/>', "")
    body = html.encode("cp1252", errors="xmlcharrefreplace")
    assert "café crème".encode("cp1252") in body
    return body


def huge_page() -> bytes:
    """A complete role page made exactly HUGE_BYTES long by a comment before ``</body>``."""
    body = page("role-chef--nextjs")
    at = body.rindex(b"</body>")
    filler = HUGE_BYTES - len(body) - len(b"<!--  -->")
    padded = body[:at] + b"<!-- " + b"padding " * (filler // 8) + b"x" * (filler % 8)
    padded += b" -->" + body[at:]
    assert len(padded) == HUGE_BYTES
    return padded


def offsite_page() -> bytes:
    """The customer service director page, its comparison sub-headings linking off-site."""
    body = page("role-customer-service-director--nextjs")
    moved, count = re.subn(
        rb'href="(/customer-service-director-jobs/[a-z-]+-vs-[a-z-]+-differences/)"',
        b'href="http://' + OFFSITE_HOST.encode() + rb'\1"',
        body,
    )
    assert count == OFFSITE_LINKS
    return moved


def error_page(status: int, title: str, text: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><main><h1>{title}</h1><p>{text}</p><p><a href="/">Zippia home</a>'
        f"</p></main><!-- status {status} --></body></html>"
    ).encode()


#: What Cloudflare's managed challenge serves (abridged): the interstitial with a
#: Turnstile widget inside the challenge form and the _cf_chl_opt bootstrap script.
CAPTCHA_JUST_A_MOMENT = b"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=Edge">
<meta name="robots" content="noindex,nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15;color:#313131;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial}
body{display:flex;flex-direction:column;height:100vh;min-height:100vh}
.main-content{margin:8rem auto;max-width:60rem;padding-left:1.5rem}
.h2{font-size:1.5rem;font-weight:500;line-height:2.25rem}</style>
<meta http-equiv="refresh" content="390"></head>
<body class="no-js"><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">www.zippia.com</h1>
<h2 class="h2" id="challenge-running">Verify you are human by completing the action below.</h2>
<noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper">
<div class="heading-icon warning-icon"></div></span><span id="challenge-error-text">
Enable JavaScript and cookies to continue</span></div></div></noscript>
<div id="challenge-stage"><div class="cf-turnstile" data-sitekey="0x4AAAAAAADnPIDROrmt1Wwj"
 data-theme="light" data-callback="onTurnstileSuccess"></div></div>
<div id="challenge-body-text" class="core-msg spacer">www.zippia.com needs to review the
security of your connection before proceeding.</div>
<form id="challenge-form" action="/fault/captcha?__cf_chl_f_tk=x9Ue0QG4kGxS0mJpQ7r.yZ5v"
 method="POST" enctype="application/x-www-form-urlencoded">
<input type="hidden" name="md"
 value="Jx1Lq0y9cTQpL3h5uVQ0dC2bW1gQy7Zr1m9aYt3kF0s-1730000000-1.2.1.1">
<input type="hidden" name="cf-turnstile-response" value="">
</form></div></div>
<script>(function(){window._cf_chl_opt={cvId:'3',cZone:"www.zippia.com",cType:'managed',
cRay:'8f3a2b1c9d4e5f60',cH:'Yz1Lq0y9cTQpL3h5uVQ0dC2bW1gQy7Zr',cUPMDTk:"\\/fault\\/captcha",
cFPWv:'g',cITimeS:'1730000000',cTplV:5,cTplB:'cf'};var cpo=document.createElement('script');
cpo.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f3a2b1c9d4e5f60';
window._cf_chl_opt.cOgUHash=location.hash;document.getElementsByTagName('head')[0]
.appendChild(cpo);}());</script>
<div class="footer" role="contentinfo"><div class="footer-inner">
<div class="clearfix diagnostic-wrapper"><div class="ray-id">Ray ID: <code>8f3a2b1c9d4e5f60</code>
</div></div><div class="text-center" id="footer-text">Performance &amp; security by
<a rel="noopener noreferrer" href="https://www.cloudflare.com?utm_source=challenge&amp;utm_campaign=m"
 target="_blank">Cloudflare</a></div></div></div></body></html>
"""

#: Cloudflare's older block page with an hCaptcha challenge form, served with a 403.
CAPTCHA_ATTENTION_REQUIRED = b"""<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
<head><title>Attention Required! | Cloudflare</title>
<meta charset="UTF-8" /><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta http-equiv="X-UA-Compatible" content="IE=Edge" />
<meta name="robots" content="noindex, nofollow" />
<meta name="viewport" content="width=device-width,initial-scale=1" />
<link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/cf.errors.css" />
<script>if(!navigator.cookieEnabled){window.addEventListener('DOMContentLoaded',function(){
var cookieEl=document.getElementById('cookie-alert');cookieEl.style.display='block';})}</script>
</head><body>
<div id="cf-wrapper"><div class="cf-alert cf-alert-error cf-cookie-error" id="cookie-alert"
 data-translate="enable_cookies">Please enable cookies.</div>
<div id="cf-error-details" class="cf-error-details-wrapper">
<div class="cf-wrapper cf-header cf-error-overview">
<h1 data-translate="challenge_headline">One more step</h1>
<h2 class="cf-subheadline"><span data-translate="complete_sec_check">Please complete the
security check to access</span> www.zippia.com</h2></div>
<div class="cf-section cf-highlight cf-captcha-container"><div class="cf-wrapper">
<div class="cf-columns two"><div class="cf-column">
<div class="cf-highlight-inverse cf-form-stacked"><form class="challenge-form" id="challenge-form"
 action="/fault/captcha-403?__cf_chl_captcha_tk__=pmd_0a1b2c3d"
 method="POST" enctype="application/x-www-form-urlencoded">
<p>Verify you are human</p>
<input type="hidden" name="r" value="f2a4e1d9c0b7a6958473625140392817"/>
<input type="hidden" name="cf_captcha_kind" value="h"/>
<div id="cf-hcaptcha-container"><div class="h-captcha"
 data-sitekey="33f96e6a-38cd-421b-bb68-7806e1764460"></div></div>
<noscript id="cf-captcha-bookmark" class="cf-captcha-info">
<div><div style="width: 302px"><div><iframe src="https://hcaptcha.com/1/api.js?noscript=1"
 frameborder="0" scrolling="no" style="width: 302px; height:422px; border-style: none;"></iframe>
</div></div></div></noscript>
<script src="/cdn-cgi/scripts/hcaptcha.challenge.js" async defer></script>
</form></div></div>
<div class="cf-column"><div class="cf-screenshot-container">
<span class="cf-no-screenshot"></span></div></div></div></div></div>
<div class="cf-section cf-wrapper"><div class="cf-columns two"><div class="cf-column">
<h2 data-translate="why_captcha_headline">Why do I have to complete a CAPTCHA?</h2>
<p data-translate="why_captcha_detail">Completing the CAPTCHA proves you are a human and gives
you temporary access to the web property.</p></div></div></div>
<div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center">
<p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID:
<strong class="font-semibold">8f3a2b1c9d4e5f61</strong></span>
<span class="cf-footer-separator sm:hidden">&bull;</span>
<span id="cf-footer-item-ip" class="cf-footer-item hidden sm:block sm:mb-1">Your IP:
 127.0.0.1</span>
<span class="cf-footer-item sm:block sm:mb-1"><span>Performance &amp; security by</span>
<a rel="noopener noreferrer" href="https://www.cloudflare.com/5xx-error-landing"
 id="brand_link" target="_blank">Cloudflare</a></span></p></div></div></div>
</body></html>
"""

LOGIN_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Log in | Zippia</title><meta name="robots" content="noindex"></head>
<body><header><a href="/" aria-label="Zippia home">Zippia</a></header>
<main><h1>Log in to Zippia</h1><p>Log in to see this page.</p>
<form method="post" action="/login?next=%2Ffault%2Flogin" autocomplete="on">
<label for="email">Email</label><input id="email" type="email" name="email" required>
<label for="password">Password</label>
<input id="password" type="password" name="password" autocomplete="current-password" required>
<input type="hidden" name="csrf_token" value="b5c1f0e2a9d84c7e">
<button type="submit">Log in</button></form>
<p><a href="/forgot-password">Forgot password?</a> <a href="/signup">Sign up</a></p></main>
</body></html>
"""

PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


# -- the server -----------------------------------------------------------------------------


@dataclass
class FaultServer:
    """Context manager: the fault server on 127.0.0.1 (port 0), recording every request."""

    slow_seconds: float = 3.0
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.pages = fixture_pages()
        self.pages[OFFSITE_PAGE] = offsite_page()
        role = page("role-food-server--plain")
        html = {"Content-Type": _HTML}
        retry_after = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        recovering = {
            FAULT_429: ("role-bar-attendant--nextjs", 429, retry_after),
            FAULT_500: ("role-registered-nurse--nextjs", 500, {}),
            FAULT_503: ("role-chef--nextjs", 503, {}),
        }  # fmt: skip
        self._recovering = {
            path: (Reply(200, html, page(name)), status, extra)
            for path, (name, status, extra) in recovering.items()
        }
        self._fixed: dict[str, Reply] = {
            "/robots.txt": Reply(200, {"Content-Type": "text/plain"}, ROBOTS_TXT),
            FAULT_404: Reply(404, html, error_page(404, "Page not found | Zippia",
                                                   "Sorry, we couldn't find that page.")),
            FAULT_410: Reply(410, html, error_page(410, "Page removed | Zippia",
                                                   "This page has been removed.")),
            FAULT_SLOW: Reply(200, html, role, delay=self.slow_seconds),
            FAULT_TRUNCATED: Reply(200, html, truncated_page()),
            FAULT_EMPTY: Reply(200, html, b""),
            FAULT_CAPTCHA: Reply(200, {**html, **_CLOUDFLARE}, CAPTCHA_JUST_A_MOMENT),
            FAULT_CAPTCHA_403: Reply(403, {**html, **_CLOUDFLARE, "cf-mitigated": "challenge"},
                                     CAPTCHA_ATTENTION_REQUIRED),
            FAULT_LOGIN: Reply(302, {"Location": f"{LOGIN}?next={quote(FAULT_LOGIN, safe='')}",
                                     "Content-Type": _HTML}, b""),
            LOGIN: Reply(200, html, LOGIN_PAGE),
            FAULT_PDF: Reply(200, {"Content-Type": "application/pdf"}, PDF),
            FAULT_LATIN1: Reply(200, {"Content-Type": "text/html"}, latin1_page()),
            FAULT_HUGE: Reply(200, html, huge_page()),
            FAULT_LOOP_A: Reply(301, {"Location": FAULT_LOOP_B, "Content-Type": _HTML}, b""),
            FAULT_LOOP_B: Reply(301, {"Location": FAULT_LOOP_A, "Content-Type": _HTML}, b""),
            FAULT_FORBIDDEN: Reply(200, html, role),
        }  # fmt: skip

    # -- what it answers -------------------------------------------------------------------

    def reply(self, path: str, attempt: int) -> Reply:
        """The answer to the ``attempt``-th request (1-based) for ``path``."""
        if path in self._recovering:
            recovered, status, extra = self._recovering[path]
            if attempt > FAILURES_BEFORE_RECOVERY:
                return recovered
            reason = {429: "Too many requests", 500: "Server error", 503: "Unavailable"}
            body = error_page(status, f"{reason[status]} | Zippia", "Please try again later.")
            return Reply(status, {"Content-Type": _HTML, **extra}, body)
        if path in self._fixed:
            return self._fixed[path]
        if path in self.pages:
            return Reply(200, {"Content-Type": _HTML}, self.pages[path])
        return Reply(404, {"Content-Type": _HTML},
                     error_page(404, "Page not found | Zippia", "No such page."))  # fmt: skip

    def record(self, raw_path: str, headers: dict[str, str]) -> int:
        """Log one request; returns how many requests ``path`` has had, this one included."""
        parts = urlsplit(raw_path)
        with self._lock:
            self.hits.append(Hit(parts.path, parts.query, time.monotonic(), headers))
            return sum(1 for hit in self.hits if hit.path == parts.path)

    # -- what it saw -----------------------------------------------------------------------

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def paths(self) -> set[str]:
        with self._lock:
            return {hit.path for hit in self.hits}

    # -- running -----------------------------------------------------------------------------

    @property
    def base(self) -> str:
        assert self._server is not None, "the server is not running"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> FaultServer:
        handler = _handler(self.record, self.reply)
        server = _Server(("127.0.0.1", 0), handler)
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True, name="fault-server").start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    #: A crawl opens its first dozen connections at once. With the default backlog of 5,
    #: Linux drops the SYNs over it and the client re-sends them a second later: a
    #: DOWNLOAD_TIMEOUT of 1 s would see a connect timeout the server never caused.
    request_queue_size = 128


def _handler(
    record: Callable[[str, dict[str, str]], int], reply: Callable[[str, int], Reply]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = SOCKET_TIMEOUT  # a client that stops reading cannot hold a thread

        def do_GET(self) -> None:
            attempt = record(self.path, dict(self.headers.items()))
            answer = reply(urlsplit(self.path).path, attempt)
            if answer.delay:
                time.sleep(answer.delay)
            headers = dict(answer.headers)
            self.server_name = headers.pop("Server", "fault-server")
            try:
                self.send_response(answer.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                pass  # the client gave up (timeout, size limit): nothing left to answer

        def version_string(self) -> str:
            return self.server_name

        def log_message(self, *args: object) -> None:
            pass

    return Handler
