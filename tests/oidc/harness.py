"""Start real OpenID providers (node-oidc-provider, tests/oidc/provider.mjs) and walk their forms."""

import json
import re
import secrets
import selectors
import shutil
import subprocess
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests

NODE_DIR = Path(__file__).resolve().parent
START_TIMEOUT = 30
PASSWORD = "any-password"  # the development login form accepts any password


def install() -> None:
    """`npm ci` the provider's locked dependencies when node_modules is missing."""
    if (NODE_DIR / "node_modules" / "oidc-provider").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is missing: install Node.js 20 and npm to run the SSO tests")
    subprocess.run(  # noqa: S603 (npm from PATH with fixed arguments)
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=NODE_DIR,
        check=True,
        capture_output=True,
        timeout=300,
    )


@dataclass
class TestProvider:
    """One running provider: its issuer, client registration and process."""

    provider_id: str
    name: str
    email_domains: list[str]
    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen = field(repr=False)

    def entry(self, **overrides) -> dict:
        """This provider as an OIDC_PROVIDERS entry."""
        return {
            "id": self.provider_id,
            "name": self.name,
            "server_url": f"{self.issuer}/.well-known/openid-configuration",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "email_domains": self.email_domains,
            **overrides,
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    *,
    directory: Path,
    provider_id: str,
    name: str,
    email_domains: list[str],
    accounts: dict,
    portal_urls: list[str],
) -> TestProvider:
    """Start a provider on a free loopback port whose client may return to `portal_urls`."""
    install()
    client_id, client_secret = f"portal-{provider_id}", secrets.token_urlsafe(32)
    config = {
        "client": {
            "client_id": client_id,
            "client_secret": client_secret,
            "redirect_uris": [
                f"{url}/konto/oidc/{provider_id}/login/callback/" for url in portal_urls
            ],
            "post_logout_redirect_uris": [f"{url}/login/" for url in portal_urls],
        },
        "accounts": accounts,
    }
    config_file = directory / f"{provider_id}.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    log_file = directory / f"{provider_id}.log"
    process = subprocess.Popen(  # noqa: S603 (our own script and a file we wrote)
        [shutil.which("node") or "node", str(NODE_DIR / "provider.mjs"), str(config_file)],
        cwd=NODE_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log_file.open("w"),
        text=True,
    )
    waiting = selectors.DefaultSelector()
    waiting.register(process.stdout, selectors.EVENT_READ)
    line = process.stdout.readline() if waiting.select(timeout=START_TIMEOUT) else ""
    if not line:
        process.kill()
        raise RuntimeError(f"test provider {provider_id} did not start: {log_file.read_text()}")
    return TestProvider(
        provider_id,
        name,
        email_domains,
        json.loads(line)["issuer"],
        client_id,
        client_secret,
        process,
    )


def form(html: str, *, containing: str) -> tuple[str, dict]:
    """The action and hidden fields of the first form in `html` that contains `containing`."""
    for match in re.finditer(r"<form\b(.*?)>(.*?)</form>", html, re.S):
        attributes, body = match.groups()
        if containing not in body and containing not in attributes:
            continue
        action = re.search(r'action="([^"]*)"', attributes)
        fields = dict(
            re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', body)
        )
        return unescape(action.group(1)) if action else "", fields
    raise AssertionError(f"no form with {containing!r} on the page")


@dataclass
class Walk:
    """Where a sign-in went: every URL visited, the callback URL, and the last response."""

    response: requests.Response
    urls: list[str]
    callback_url: str = ""
    asked_for_credentials: bool = False


class PortalBrowser:
    """A requests session that signs in to the portal through a provider like a browser would."""

    def __init__(self, portal_url: str):
        self.portal_url = portal_url
        self.session = requests.Session()

    def csrf(self, path: str = "/login/") -> str:
        """The CSRF token from a form on a portal page, as a browser would submit it."""
        html = self.session.get(f"{self.portal_url}{path}", timeout=10).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def follow(self, method: str, url: str, data: dict | None = None, walk: Walk | None = None):
        """Request `url` and follow redirects by hand, noting each URL."""
        walk = walk or Walk(response=None, urls=[])
        while True:
            walk.urls.append(url)
            if "/login/callback/" in url:
                walk.callback_url = url
            response = self.session.request(
                method, url, data=data, allow_redirects=False, timeout=30
            )
            if not response.is_redirect:
                walk.response = response
                return walk
            method, data, url = "GET", None, urljoin(url, response.headers["Location"])

    def start_sign_in(self, provider_id: str, next_url: str = "/katalog/min-profil/") -> Walk:
        """Click the provider's button on the login page."""
        return self.follow(
            "POST",
            f"{self.portal_url}/konto/oidc/{provider_id}/login/",
            {"csrfmiddlewaretoken": self.csrf(), "next": next_url},
        )

    def sign_in(self, provider_id: str, login: str, next_url: str = "/katalog/min-profil/") -> Walk:
        """Click the button, and enter `login` on the provider's form if it asks."""
        walk = self.start_sign_in(provider_id, next_url)
        if 'name="login"' in walk.response.text:
            walk.asked_for_credentials = True
            action, fields = form(walk.response.text, containing='name="login"')
            fields.update(login=login, password=PASSWORD)
            walk = self.follow("POST", urljoin(walk.response.url, action), fields, walk)
        return walk

    def log_out(self) -> Walk:
        """The header's logout, then the provider's own confirmation, as a user would click."""
        csrf = self.csrf("/tillganglighet/")
        walk = self.follow("POST", f"{self.portal_url}/logout/", {"csrfmiddlewaretoken": csrf})
        if "xsrf" in walk.response.text:
            action, fields = form(walk.response.text, containing="xsrf")
            fields["logout"] = "yes"
            walk = self.follow("POST", urljoin(walk.response.url, action), fields, walk)
        return walk
