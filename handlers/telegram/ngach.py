"""/ngach: pick a grade, then a tier, with buttons; then everything the plan requires of them."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.reply import Option
from handlers.telegram.buttons import action
from handlers.telegram.conversation import converse
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import button, rows
from handlers.telegram.services import services

COMMANDS = [("ngach", "Yêu cầu đào tạo theo ngạch, cấp")]
PICK_GRADE = "Bạn thuộc <b>ngạch</b> nào?"
PICK_TIER = "Ngạch <b>{grade}</b>. Bạn làm việc ở <b>cấp</b> nào?"
PICKED = "Ngạch <b>{grade}</b>, <b>{tier}</b>:"


def _grade_id(core, option: Option) -> str:
    return core.profile_of(option.query, option.label)[0] or option.query


def _tier_id(core, option: Option) -> str:
    return core.profile_of(option.query, option.label)[1] or option.query


def _label(core, options: list[Option], wanted: str, read) -> str:
    """The escaped button label of an option, found by its id."""
    return html.escape(next((o.label for o in options if read(core, o) == wanted), wanted))


def _tier_markup(context: ContextTypes.DEFAULT_TYPE, grade: str) -> InlineKeyboardMarkup:
    svc = services(context)
    return InlineKeyboardMarkup(rows([
        button(svc.store, o.label, "ngach_tier", f"{grade}|{_tier_id(svc.core, o)}") for o in svc.core.tier_options()
    ]))


async def on_ngach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ngach [ngạch] [cấp]: answer at once when both are named, otherwise ask with buttons."""
    svc = services(context)
    text = " ".join(context.args or [])
    grade, tier = svc.core.profile_of(text) if text else (None, None)
    if grade and tier:
        await converse(update, context, lambda state: svc.core.requirements_reply(grade, tier, state))
        return
    message = update.effective_message
    if grade:
        label = _label(svc.core, svc.core.grade_options(), grade, _grade_id)
        await call(lambda: message.reply_text(PICK_TIER.format(grade=label), parse_mode=ParseMode.HTML,
                                              reply_markup=_tier_markup(context, grade)))
        return
    await send_grade_picker(update, context)


async def send_grade_picker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask for the grade with buttons; the tier follows, then the requirements (which the core remembers)."""
    svc = services(context)
    markup = InlineKeyboardMarkup(rows([
        button(svc.store, o.label, "ngach_grade", _grade_id(svc.core, o)) for o in svc.core.grade_options()
    ]))
    await call(lambda: update.effective_message.reply_text(PICK_GRADE, parse_mode=ParseMode.HTML, reply_markup=markup))


@action("ngach_grade")
async def picked_grade(update: Update, context: ContextTypes.DEFAULT_TYPE, grade: str) -> None:
    """A grade was picked: the same message now asks for the tier."""
    core = services(context).core
    label = _label(core, core.grade_options(), grade, _grade_id)
    await call(lambda: update.callback_query.edit_message_text(
        PICK_TIER.format(grade=label), parse_mode=ParseMode.HTML, reply_markup=_tier_markup(context, grade)))


@action("ngach_tier")
async def picked_tier(update: Update, context: ContextTypes.DEFAULT_TYPE, grade_tier: str) -> None:
    """Both picked: the question message records the choice, and the requirements follow."""
    core = services(context).core
    grade, _, tier = grade_tier.partition("|")
    picked = PICKED.format(grade=_label(core, core.grade_options(), grade, _grade_id),
                           tier=_label(core, core.tier_options(), tier, _tier_id))
    await call(lambda: update.callback_query.edit_message_text(picked, parse_mode=ParseMode.HTML))
    await converse(update, context, lambda state: core.requirements_reply(grade, tier, state))


def handlers() -> list[BaseHandler]:
    """/ngach."""
    return [CommandHandler("ngach", on_ngach, filters=filters.UpdateType.MESSAGE)]
