"""/start (greeting, main menu, the tier picker; deep links /start <topic>) and /help."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot import menus
from handlers.telegram import annex, kiemtra, plan
from handlers.telegram.conversation import converse, is_group, owner
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import buttons
from handlers.telegram.ngach import send_picker
from handlers.telegram.services import services

COMMANDS = [("start", "Bắt đầu, chọn cấp và chức danh"), ("help", "Hướng dẫn, câu hỏi mẫu")]

GREETING = (
    "Xin chào! Tôi trả lời câu hỏi về <b>{plan}</b> về đào tạo, bồi dưỡng cán bộ, công chức.\n\n"
    "Chọn cấp và chức danh của bạn bên dưới để tôi trả lời sát hơn, hoặc cứ đặt câu hỏi. "
    "Các nút ở cuối màn hình là menu chính."
)
HELP = (
    "<b>Bạn có thể hỏi, ví dụ:</b>\n"
    "• Chuyên viên cấp huyện cần học những gì?\n"
    "• Cán sự cần trình độ lý luận chính trị nào?\n"
    "• Công chức cấp xã cần đạt chuẩn gì?\n"
    "• Giai đoạn này đào tạo bao nhiêu người?\n\n"
    "<b>Lệnh:</b>\n"
    "/ngach – yêu cầu theo cấp, ngạch, chức danh\n"
    "/dieu – mục lục, nguyên văn từng mục\n"
    "/timkiem – tìm trong văn bản\n"
    "/chitieu – chỉ tiêu và biểu đồ\n"
    "/vanban – thông tin văn bản\n"
    "/kiemtra – kiểm tra đạt chuẩn từng bước\n"
    "/mau – mẫu danh sách Excel\n"
    "/quen – xóa dữ liệu tôi lưu về bạn\n\n"
    "Gửi tệp danh sách cán bộ (.xlsx hoặc .csv) để kiểm tra cả đơn vị; tệp chỉ dùng để kiểm tra rồi bỏ đi.\n"
    "Trong nhóm, hãy nhắc tên tôi (@) hoặc trả lời tin nhắn của tôi."
)
# the main menu: a reply keyboard in private chats; each button sends its label, read here
MENU_REQUIREMENTS = "📋 Yêu cầu của tôi"
MENU_CHECK = "✅ Kiểm tra đạt chuẩn"
MENU_TOC = "📖 Mục lục"
MENU_SEARCH = "🔎 Tìm trong văn bản"
MENU_ANNEX = "📊 Chỉ tiêu"
MENU_HELP = "❓ Hướng dẫn"
MENU_ROWS = [[MENU_REQUIREMENTS, MENU_CHECK], [MENU_TOC, MENU_SEARCH], [MENU_ANNEX, MENU_HELP]]
MENU_PLACEHOLDER = "Đặt câu hỏi, hoặc chọn trong menu"
DESCRIPTION = (
    "Trợ lý hỏi đáp về {plan} về đào tạo, bồi dưỡng cán bộ, công chức.\n\n"
    "• Yêu cầu theo cấp, ngạch, chức danh (cả cấp xã)\n• Nguyên văn từng mục, tìm trong văn bản\n"
    "• Chỉ tiêu và biểu đồ\n• Kiểm tra đạt chuẩn từng bước, kiểm tra cả danh sách Excel\n\n"
    "Bấm Bắt đầu, rồi chọn cấp và chức danh của bạn."
)
SHORT_DESCRIPTION = "Hỏi đáp Kế hoạch {number}: đào tạo, bồi dưỡng cán bộ, công chức; cấp tỉnh, huyện, xã."


def description() -> str:
    """The text shown before Start (≤ 512 characters)."""
    return DESCRIPTION.format(plan=menus.document_line())


def short_description() -> str:
    """The text on the bot's profile and in shared links (≤ 120 characters)."""
    return SHORT_DESCRIPTION.format(number=menus.document_number())


def main_menu() -> ReplyKeyboardMarkup:
    """The main menu under the text field, in private chats."""
    return ReplyKeyboardMarkup([[KeyboardButton(label) for label in row] for row in MENU_ROWS],
                               resize_keyboard=True, is_persistent=True, input_field_placeholder=MENU_PLACEHOLDER)


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The greeting (with the main menu in a private chat), then the tier picker."""
    text = GREETING.format(plan=html.escape(menus.document_line()))
    markup = None if is_group(update) else main_menu()
    await call(lambda: update.effective_message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup))
    await send_picker(update, context)


async def _deep_link(update: Update, context: ContextTypes.DEFAULT_TYPE, topic: str) -> bool:
    """Open what a t.me/<bot>?start=<topic> link points to; False for a topic not known here."""
    core = services(context).core
    name = topic.lower()
    if name == "ngach":
        await send_picker(update, context)
    elif name == "kiemtra":
        await kiemtra.on_kiemtra(update, context)
    elif name == "chitieu":
        await annex.on_chitieu(update, context)
    elif name in ("mucluc", "dieu"):
        await plan.send_toc(update, context)
    elif name == "timkiem":
        await plan.ask_keyword(update, context)
    elif name.startswith("dieu_") and len(topic) > len("dieu_"):
        clause = topic[len("dieu_"):].replace("_", ".")
        await converse(update, context, lambda state: core.quote_clause(clause, state), quotes=False)
    else:
        return False
    return True


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet and ask tier and role; /start <topic> (a deep link) opens that topic instead."""
    topic = context.args[0].strip() if context.args else ""
    if topic and await _deep_link(update, context, topic):
        if not is_group(update):
            await call(lambda: update.effective_message.reply_text(
                "Menu chính ở cuối màn hình.", reply_markup=main_menu()))
        return
    await greet(update, context)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Commands and example questions; the examples are buttons."""
    store = services(context).store
    examples = buttons(store, [(o.label, o.query) for o in menus.suggestions()], "ask", owner(update))
    markup = InlineKeyboardMarkup([[b] for b in examples])
    await call(lambda: update.effective_message.reply_text(HELP, parse_mode=ParseMode.HTML, reply_markup=markup))


async def on_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A main-menu button: the command it stands for."""
    label = update.message.text.strip()
    if label == MENU_REQUIREMENTS:
        await send_picker(update, context)
    elif label == MENU_CHECK:
        await kiemtra.on_kiemtra(update, context)
    elif label == MENU_TOC:
        await plan.send_toc(update, context)
    elif label == MENU_SEARCH:
        await plan.ask_keyword(update, context)
    elif label == MENU_ANNEX:
        await annex.on_chitieu(update, context)
    else:
        await on_help(update, context)


def handlers() -> list[BaseHandler]:
    """/start, /help and the main menu's buttons."""
    only_new = filters.UpdateType.MESSAGE
    labels = [label for row in MENU_ROWS for label in row]
    return [
        CommandHandler("start", on_start, filters=only_new),
        CommandHandler("help", on_help, filters=only_new),
        MessageHandler(only_new & filters.ChatType.PRIVATE & filters.Text(labels), on_menu),
    ]
