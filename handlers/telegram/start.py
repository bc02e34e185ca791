"""/start (greeting, pick grade and tier) and /help (commands and example questions)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.reply import Option
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import button
from handlers.telegram.ngach import send_grade_picker
from handlers.telegram.services import services

COMMANDS = [("start", "Bắt đầu, chọn ngạch và cấp"), ("help", "Hướng dẫn, câu hỏi mẫu")]

GREETING = (
    "Xin chào! Tôi trả lời câu hỏi về <b>Kế hoạch 39/KH-UBND</b> ngày 05/12/2011 của UBND tỉnh Sóc Trăng "
    "về đào tạo, bồi dưỡng cán bộ, công chức giai đoạn 2011–2015.\n\n"
    "Hãy chọn ngạch và cấp của bạn bên dưới để tôi trả lời sát hơn, hoặc cứ đặt câu hỏi."
)
HELP = (
    "<b>Bạn có thể hỏi, ví dụ:</b>\n"
    "• Chuyên viên cấp huyện cần học những gì?\n"
    "• Cán sự cần trình độ lý luận chính trị nào?\n"
    "• Cán bộ, công chức cấp xã cần đạt chuẩn gì?\n"
    "• Giai đoạn 2011–2015 đào tạo bao nhiêu người?\n\n"
    "<b>Lệnh:</b>\n"
    "/ngach – yêu cầu theo ngạch và cấp\n"
    "/dieu II.1.b – nguyên văn một mục\n"
    "/timkiem tin học – tìm trong văn bản\n"
    "/chitieu – chỉ tiêu và biểu đồ\n"
    "/vanban – thông tin văn bản\n"
    "/kiemtra – kiểm tra đạt chuẩn từng bước\n"
    "/mau – mẫu danh sách Excel\n"
    "/quen – xóa dữ liệu tôi lưu về bạn\n\n"
    "Gửi tệp danh sách cán bộ (.xlsx hoặc .csv) để kiểm tra cả đơn vị; tệp chỉ dùng để kiểm tra rồi bỏ đi.\n"
    "Trong nhóm, hãy nhắc tên tôi (@) hoặc trả lời tin nhắn của tôi."
)
EXAMPLES = [
    Option(label="Chuyên viên cấp huyện cần học gì?", query="Chuyên viên cấp huyện cần học những gì?"),
    Option(label="Chỉ tiêu đào tạo 2011–2015", query="Giai đoạn 2011–2015 đào tạo bao nhiêu người?"),
]


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, then ask grade and tier with buttons (the /ngach picker); the core remembers the choice."""
    await call(lambda: update.effective_message.reply_text(GREETING, parse_mode=ParseMode.HTML))
    await send_grade_picker(update, context)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Commands and example questions; the examples are buttons."""
    store = services(context).store
    markup = InlineKeyboardMarkup([[button(store, o.label, "ask", o.query)] for o in EXAMPLES])
    await call(lambda: update.effective_message.reply_text(HELP, parse_mode=ParseMode.HTML, reply_markup=markup))


def handlers() -> list[BaseHandler]:
    """/start and /help."""
    only_new = filters.UpdateType.MESSAGE
    return [CommandHandler("start", on_start, filters=only_new), CommandHandler("help", on_help, filters=only_new)]
