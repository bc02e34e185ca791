"""/ngach (and /start): pick the tier, then the grade (tỉnh, huyện) or the commune role (xã) with the ethnic-area
question where the plan has a rule for it; then everything the plan requires. One message, edited step by step."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot import menus
from bot.reply import Option
from handlers.telegram.buttons import action
from handlers.telegram.conversation import converse, owner
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import mixed, rows
from handlers.telegram.services import services

COMMANDS = [("ngach", "Yêu cầu theo cấp, ngạch, chức danh")]
PICK_TIER = "Bạn làm việc ở <b>cấp</b> nào?"
PICK_GRADE = "{tier}. Bạn thuộc <b>ngạch</b> nào?"
PICK_ROLE = "{tier}. <b>Chức danh</b> của bạn?"
ASK_ETHNIC = "{role}. Bạn có công tác ở <b>vùng đồng bào dân tộc {people}</b> không?"
PICKED = "{choice}:"
YES, NO = "Có", "Không"


def _tier_id(core, option: Option) -> str:
    return core.profile_of(option.query, option.label)[1] or option.query


def _grade_id(core, option: Option) -> str:
    return core.profile_of(option.query, option.label)[0] or option.query


def _label(options: list[Option], wanted: str, read) -> str:
    """The escaped label of an option, found by its id."""
    return html.escape(next((o.label for o in options if read(o) == wanted), wanted))


def tier_label(core, tier: str) -> str:
    return _label(core.tier_options(), tier, lambda o: _tier_id(core, o))


def grade_label(core, grade: str) -> str:
    return _label(core.grade_options(), grade, lambda o: _grade_id(core, o))


def _markup(update: Update, context: ContextTypes.DEFAULT_TYPE,
            choices: list[tuple[str, str, str]]) -> InlineKeyboardMarkup:
    """Buttons (label, action, arg), owned in a group by the person who asked."""
    store = services(context).store
    return InlineKeyboardMarkup(rows(mixed(store, choices, owner(update))))


def tier_markup(update: Update, context: ContextTypes.DEFAULT_TYPE, grade: str | None = None) -> InlineKeyboardMarkup:
    """The tiers; with a grade already known, only the tiers where grades matter."""
    core = services(context).core
    graded = menus.tiers_with_grades()
    choices = [(o.label, "ngach_tier", f"{_tier_id(core, o)}|{grade or ''}") for o in core.tier_options()
               if grade is None or _tier_id(core, o) in graded]
    return _markup(update, context, choices)


async def send_picker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask the tier with buttons; the rest follows in the same message."""
    await call(lambda: update.effective_message.reply_text(
        PICK_TIER, parse_mode=ParseMode.HTML, reply_markup=tier_markup(update, context)))


async def on_ngach(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ngach [ngạch] [cấp]: answer at once when both are named, otherwise ask with buttons."""
    svc = services(context)
    text = " ".join(context.args or [])
    grade, tier = svc.core.profile_of(text) if text else (None, None)
    message = update.effective_message
    if tier and tier not in menus.tiers_with_grades():
        await call(lambda: message.reply_text(PICK_ROLE.format(tier=tier_label(svc.core, tier)),
                                              parse_mode=ParseMode.HTML, reply_markup=_role_markup(update, context, tier)))
        return
    if grade and tier:
        await converse(update, context, lambda state: svc.core.requirements_reply(grade, tier, state))
        return
    if grade:
        await call(lambda: message.reply_text(PICK_TIER, parse_mode=ParseMode.HTML,
                                              reply_markup=tier_markup(update, context, grade)))
        return
    await send_picker(update, context)


def _role_markup(update: Update, context: ContextTypes.DEFAULT_TYPE, tier: str) -> InlineKeyboardMarkup:
    """The roles the plan sets requirements for at this tier."""
    return _markup(update, context, [(o.label, "ngach_role", o.query) for o in menus.role_options(tier)])


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await call(lambda: update.callback_query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup))


@action("ngach_tier")
async def picked_tier(update: Update, context: ContextTypes.DEFAULT_TYPE, tier_grade: str) -> None:
    """A tier: ask the grade, or at the commune tier the role; with the grade known, answer."""
    core = services(context).core
    tier, _, grade = tier_grade.partition("|")
    label = tier_label(core, tier)
    if tier not in menus.tiers_with_grades():
        await _edit(update, PICK_ROLE.format(tier=label), _role_markup(update, context, tier))
        return
    if grade:
        await _edit(update, PICKED.format(choice=f"{label} · {grade_label(core, grade)}"))
        await converse(update, context, lambda state: core.requirements_reply(grade, tier, state))
        return
    choices = [(o.label, "ngach_grade", f"{tier}|{_grade_id(core, o)}") for o in core.grade_options()]
    await _edit(update, PICK_GRADE.format(tier=label), _markup(update, context, choices))


@action("ngach_grade")
async def picked_grade(update: Update, context: ContextTypes.DEFAULT_TYPE, tier_grade: str) -> None:
    """Tier and grade: the message records the choice, and the requirements follow."""
    core = services(context).core
    tier, _, grade = tier_grade.partition("|")
    await _edit(update, PICKED.format(choice=f"{tier_label(core, tier)} · {grade_label(core, grade)}"))
    await converse(update, context, lambda state: core.requirements_reply(grade, tier, state))


@action("ngach_role")
async def picked_role(update: Update, context: ContextTypes.DEFAULT_TYPE, role: str) -> None:
    """A commune role: ask about the ethnic area when the plan has a rule for it, else answer."""
    name = html.escape(menus.role_name(role) or role)
    if menus.ethnic_question(role) is not None:
        people = html.escape(menus.ethnic_language() or "thiểu số")
        choices = [(YES, "ngach_ethnic", f"{role}|1"), (NO, "ngach_ethnic", f"{role}|0")]
        await _edit(update, ASK_ETHNIC.format(role=name[:1].upper() + name[1:], people=people),
                    _markup(update, context, choices))
        return
    await _edit(update, PICKED.format(choice=name[:1].upper() + name[1:]))
    await _answer_role(update, context, role, ethnic=False)


@action("ngach_ethnic")
async def picked_ethnic(update: Update, context: ContextTypes.DEFAULT_TYPE, role_flag: str) -> None:
    """Role and ethnic area known: the role's requirements, and the ethnic-area one when it applies."""
    role, _, flag = role_flag.partition("|")
    name = html.escape(menus.role_name(role) or role)
    people = html.escape(menus.ethnic_language() or "thiểu số")
    where = f"vùng đồng bào {people}" if flag == "1" else f"không ở vùng đồng bào {people}"
    await _edit(update, PICKED.format(choice=f"{name[:1].upper() + name[1:]} · {where}"))
    await _answer_role(update, context, role, ethnic=flag == "1")


async def _answer_role(update: Update, context: ContextTypes.DEFAULT_TYPE, role: str, ethnic: bool) -> None:
    core = services(context).core
    tier = next(iter(menus.role_tiers(role)), None)
    await converse(update, context, lambda state: core.answer(menus.role_question(role, tier), state))
    question = menus.ethnic_question(role)
    if ethnic and question is not None:
        await converse(update, context, lambda state: core.answer(question, state))


def handlers() -> list[BaseHandler]:
    """/ngach."""
    return [CommandHandler("ngach", on_ngach, filters=filters.UpdateType.MESSAGE)]
