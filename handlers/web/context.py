"""What every web handler shares: settings, the store, the core, signing, limits, templates, in-memory state."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import jinja2
from aiohttp import web

from bot.plan_tables import PlanName, plan_name
from handlers.store import Store
from handlers.web.jobs import Jobs
from handlers.web.render import clause_url, linked_text
from handlers.web.security import AdminSessions, RateLimiter, Signer
from handlers.web.settings import WebSettings
from handlers.web.transcript import Transcripts

HERE = Path(__file__).resolve().parent
TEMPLATE_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
LOGIN_RATE, LOGIN_BURST = 5 / 60, 5  # password tries per IP: 5 at once, then one every 12 s


@dataclass
class Web:
    """The web channel's shared objects."""

    settings: WebSettings
    store: Store
    core: ModuleType
    signer: Signer
    admin: AdminSessions
    limiter: RateLimiter
    login_limiter: RateLimiter
    templates: jinja2.Environment
    plan: PlanName
    transcripts: Transcripts = field(default_factory=Transcripts)
    jobs: Jobs = field(default_factory=Jobs)

    def page(self, name: str, **values) -> str:
        """A rendered template (autoescaped)."""
        return self.templates.get_template(name).render(plan=self.plan, **values)


KEY: web.AppKey[Web] = web.AppKey("web", Web)
_RequestKey = getattr(web, "RequestKey", None)  # aiohttp >= 3.12; plain strings before
BROWSER = _RequestKey("browser", str) if _RequestKey else "browser"  # the browser's id (see app.browser_id)
NEW_BROWSER = _RequestKey("new_browser", bool) if _RequestKey else "new_browser"  # give it a new id cookie


def build_web(settings: WebSettings, store: Store, core: ModuleType) -> Web:
    """Create the shared objects; a secret is drawn at random when none is configured."""
    secret = settings.bot_web_secret.get_secret_value() if settings.bot_web_secret else ""
    signer = Signer(secret.encode() if secret else secrets.token_bytes(32))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals["linked"] = linked_text
    env.globals["clause_url"] = clause_url
    env.filters["num"] = lambda n: f"{n:,}".replace(",", ".")
    return Web(
        settings=settings, store=store, core=core, signer=signer,
        admin=AdminSessions(signer, settings.bot_web_admin_session_minutes * 60.0),
        limiter=RateLimiter(settings.bot_web_rate_limit, settings.bot_web_rate_burst),
        login_limiter=RateLimiter(LOGIN_RATE, LOGIN_BURST),
        templates=env, plan=plan_name(),
    )


def ctx(request: web.Request) -> Web:
    """The shared objects of the running app."""
    return request.app[KEY]
