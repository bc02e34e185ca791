"""What the Zalo channel itself says (everything else comes from the core), in Vietnamese, phone-sized."""

from __future__ import annotations

from bot import menus

NO_PENDING = "Hiện không có lựa chọn nào đang chờ; hãy gõ câu hỏi, hoặc /help để xem hướng dẫn."
OUT_OF_RANGE = "Hãy gõ một số từ 1 đến {count}, hoặc gõ câu hỏi mới."
ONLY_ONE = "Hãy gõ 1 để chọn, hoặc gõ câu hỏi mới."
EXPIRED = "Lựa chọn này không còn nữa; hãy gõ lại câu hỏi."
FORGOTTEN = "Đã xóa mọi thông tin tôi lưu về bạn (ngạch, cấp, ngữ cảnh hội thoại, câu hỏi đã ghi). Ta bắt đầu lại nhé!"
NOT_TEXT = "Tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi, hoặc /help để xem hướng dẫn."
UNKNOWN_COMMAND = "Tôi không có lệnh này. Gõ /help để xem các lệnh."
JUST_MENTIONED = (f"Bạn cần hỏi gì về {menus.document_name()}? Hãy nhắc tên tôi kèm câu hỏi, "
                  "ví dụ: chuyên viên cần học gì")
PRIVATE_ONLY = "Hãy dùng lệnh này trong tin nhắn riêng với tôi: thông tin cá nhân không nên gửi vào nhóm."
NOT_ADMIN = "Xin lỗi, lệnh này chỉ dành cho quản trị viên."
TIMKIEM_USAGE = "Gõ từ khóa sau lệnh, ví dụ: /timkiem tin học"
CHART_CAPTION = f"Biểu đồ số người đào tạo, bồi dưỡng theo năm (Phụ lục {menus.document_name()})."
FILES_LINE = "Zalo không cho bot nhận tệp, nên tôi không kiểm tra được danh sách gửi qua đây."
FILES_WEB = "Để kiểm tra cả danh sách cán bộ (.xlsx, .csv) và tải tệp mẫu, hãy mở trang: {url}"
FILES_NO_WEB = ("Để kiểm tra cả danh sách cán bộ (.xlsx, .csv) và tải tệp mẫu, hãy dùng trang web kiểm tra "
                "(trang /kiem-tra) của đơn vị quản trị bot.")
FILES_CLI = "Người quản trị có thể chạy: python -m bot check danh_sach.xlsx"
ZALO_HELP = (
    "Lệnh: /ngach (yêu cầu theo cấp, ngạch, chức danh) · /dieu <mục> (nguyên văn) · /timkiem <từ khóa> · /chitieu · "
    "/vanban · /kiemtra (kiểm tra đạt chuẩn từng bước) · /mau (danh sách cán bộ) · /quen (xóa dữ liệu của bạn).\n"
    "Khi tôi đưa danh sách đánh số, gõ số để chọn. Trong nhóm, hãy nhắc tên tôi hoặc gõ lệnh bắt đầu bằng /."
)
STATS_INTENTS = "Câu hỏi theo loại (tổng {total}):"
STATS_NONE = "• chưa có câu hỏi nào"
STATS_UNANSWERED = "Câu hỏi chưa trả lời được (nhiều nhất {top}):"
STATS_NO_UNANSWERED = "• không có"


def files_pointer(web_page_url: str | None) -> str:
    """Where a staff list can be checked, since it cannot be sent over Zalo."""
    page = FILES_WEB.format(url=web_page_url.rstrip("/") + "/kiem-tra") if web_page_url else FILES_NO_WEB
    return "\n".join([FILES_LINE, page, FILES_CLI])


def stats_report(intents: list[tuple[str, int]], unanswered: list[tuple[str, int]], top: int) -> str:
    """/thongke as plain text."""
    lines = [STATS_INTENTS.format(total=sum(n for _, n in intents))]
    lines += [f"• {intent}: {n}" for intent, n in intents] or [STATS_NONE]
    lines += ["", STATS_UNANSWERED.format(top=top)]
    lines += [f"{i}. ({n}) {text}" for i, (text, n) in enumerate(unanswered, 1)] or [STATS_NO_UNANSWERED]
    return "\n".join(lines)
