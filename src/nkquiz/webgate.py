"""Which web requests an nkquiz server answers: those for one of its own names (``Host``), sent
by no page or by a page of its own (``Origin``), with its token: :class:`Gate`.

``nkquiz serve`` (:mod:`nkquiz.serve`) and ``nkquiz host`` (:mod:`nkquiz.host.server`) both
guard their routes with it, so the rules (docs/security.md) are written once. Pure functions of
the request's headers and the server's address; no web framework here.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
"""Addresses that bind every interface."""

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",  # no page of another site shows ours in a frame (clickjacking)
    "Content-Security-Policy": "frame-ancestors 'none'",  # the same, as newer browsers read it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the page's address carries the token
}


class Listening(Protocol):
    """Where a server listens, as its options say."""

    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def public_url(self) -> str | None: ...


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may be reachable from anywhere
        return False


def public_url(host: str, port: int) -> str:
    """The address a learner opens when no ``--public-url`` is given. A server on every
    interface (0.0.0.0) is reached by this machine's name."""
    if host in WILDCARDS:
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


@dataclass(frozen=True)
class Gate:
    """Which requests the server answers: those for one of its own names (``Host``), sent by no
    page or by a page of its own (``Origin``), with its token.

    - ``Host``: a loopback name (localhost, 127.0.0.1, [::1]) or the bound address, with the
      server's port; on 0.0.0.0 or ::, this machine's name and addresses; the public URL's
      host, on any port (a proxy in front may change the port). A page of a site whose name an
      attacker has pointed at 127.0.0.1 (DNS rebinding) sends that site's name: refused.
    - ``Origin``: absent (a program, not a page: browsers send it with every websocket), or the
      origin of the request's own ``Host`` over http, or the public URL's origin. A websocket
      is not bound by the same-origin policy, and a cookie is sent to every port of a host, so
      without this a page on another port of 127.0.0.1 could play in the learner's name.
    - the token, in the URL (``?token=``) or in the cookie the first page sets.
    """

    token: str
    port: int
    names: frozenset[str]
    """Host names (lower case, IPv6 without brackets) accepted with :attr:`port`."""
    public: tuple[str, str, int] | None = None
    """The public URL's scheme, host and port, accepted as a Host on any port, and as Origin."""

    @classmethod
    def for_options(cls, options: Listening, token: str) -> Gate:
        names = set(LOOPBACK_NAMES) | {options.host.lower()}
        if options.host in WILDCARDS:
            names |= _machine_names()
        public = _origin(options.public_url) if options.public_url else None
        return cls(token=token, port=options.port, names=frozenset(names), public=public)

    @property
    def cookie(self) -> str:
        """The cookie's name: one per port, as browsers share cookies between the ports of a
        host (two servers on one machine keep their own)."""
        return f"nkquiz-token-{self.port}"

    def host_allowed(self, host: str) -> bool:
        found = _origin(f"http://{host}") if host and "@" not in host and "/" not in host else None
        if found is None:
            return False
        _, name, port = found
        if self.public is not None and name == self.public[1]:
            return True
        return name in self.names and port == self.port

    def origin_allowed(self, origin: str, host: str) -> bool:
        """``origin``, the header of a request whose ``host`` was allowed."""
        found = _origin(origin)
        return found is not None and found in {_origin(f"http://{host}"), self.public}

    def token_matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(
            given.encode("utf-8", "replace"), self.token.encode("ascii")
        )


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL, the port filled in; None if it is not one."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is not a number, a bad IPv6 address
        return None
    default = {"http": 80, "https": 443}.get(parts.scheme)
    if default is None or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port or default


def _machine_names() -> set[str]:
    """This machine's name and the addresses of its interfaces, as a learner may type them."""
    import psutil  # noqa: PLC0415  (the serve extra: only when a server binds every address)

    names = {socket.gethostname().lower()}
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family in (socket.AF_INET, socket.AF_INET6):
                names.add(address.address.split("%")[0].lower())  # fe80::1%eth0
    return names
