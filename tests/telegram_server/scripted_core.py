"""A scripted stand-in for bot.core (same entry points), so channel tests know exactly what the core says."""

from __future__ import annotations

import html

from bot.reply import Option, Reply, State

LONG_PARAGRAPH = "Cán bộ, công chức cấp xã được bồi dưỡng kiến thức quản lý nhà nước & kỹ năng <thực thi>. "


def _reply(text: str, state: State | None, kind: str = "answer", *, html_text: str | None = None,
           intent: str = "scripted", confidence: float = 0.9, **extra) -> Reply:
    return Reply(kind=kind, intent=intent, confidence=confidence, text=text,
                 html=html_text if html_text is not None else html.escape(text), state=state or State(), **extra)


# a three-step /kiemtra dialog shaped like the real one: buttons send "#kt <value>", the progress is in State.check
CHECK_STEPS = [("Cấp", ["Cấp tỉnh", "Cấp xã"]), ("Tuổi", []), ("Vùng dân tộc thiểu số", ["Có", "Không"])]


def _check_ask(state: State, problem: str | None = None) -> Reply:
    step = state.check["step"]
    label, choices = CHECK_STEPS[step]
    options = [Option(label=c, query=f"#kt {c}") for c in choices]
    options += [Option(label="Bỏ qua", query="#kt bo_qua"), Option(label="Hủy", query="#kt huy")]
    text = (f"⚠️ {problem}\n" if problem else "") + f"Bước {step + 1}/{len(CHECK_STEPS)} · {label}?"
    return _reply(text, state, "clarify", intent="kiem_tra_ho_so", confidence=1.0, options=options,
                  html_text=html.escape(text).replace(label, f"<b>{html.escape(label)}</b>", 1))


def start_check(state: State | None = None) -> Reply:
    """Begin the scripted dialog."""
    return _check_ask((state or State()).model_copy(update={"check": {"step": 0, "answers": {}}}))


def _check_step(query: str, state: State) -> Reply:
    value = query.removeprefix("#kt ").strip()
    step, answers = state.check["step"], dict(state.check["answers"])
    if value == "huy":
        return _reply("Đã hủy kiểm tra.", state.model_copy(update={"check": None}), intent="kiem_tra_ho_so")
    label, choices = CHECK_STEPS[step]
    if value != "bo_qua":
        if not choices and not value.isdigit():
            return _check_ask(state, problem=f"Chưa đọc được “{value[:40]}”.")
        answers[label] = value
    if step + 1 == len(CHECK_STEPS):
        lines = [f"{k}: {v}" for k, v in answers.items()]
        return _reply("\n".join(["Kết quả kiểm tra: Chưa đạt", *lines]), state.model_copy(update={"check": None}),
                      intent="kiem_tra_ho_so", confidence=1.0, clauses=["II.1.b"])
    return _check_ask(state.model_copy(update={"check": {"step": step + 1, "answers": answers}}))


def answer(query: str, state: State | None = None) -> Reply:
    """Scripted replies keyed by the start of the query."""
    state = (state or State()).model_copy()
    if state.check is not None:
        return _check_step(query, state)
    if query.startswith("#kt "):
        return start_check(state)
    q = query.strip().lower()
    if q.startswith("tôi là "):
        state.grade = q.removeprefix("tôi là ").strip()
        return _reply(f"Đã ghi nhận ngạch: {state.grade}.", state, intent="set_grade")
    if q.startswith("tôi làm ở "):
        state.tier = q.removeprefix("tôi làm ở ").strip()
        return _reply(f"Đã ghi nhận: {state.tier}.", state, intent="set_tier")
    if q.startswith("ngạch của tôi"):
        return _reply(f"Ngạch của bạn: {state.grade or 'chưa rõ'}.", state, intent="whoami")
    if q.startswith("mơ hồ"):
        state.pending = query
        options = [Option(label="Cấp tỉnh, huyện", query="yêu cầu cấp tỉnh"),
                   Option(label="Cấp xã", query="yêu cầu cấp xã")]
        return _reply("Bạn hỏi cho cấp nào?", state, "clarify", intent="clarify", options=options)
    if q.startswith("yêu cầu cấp"):
        clause = "II.2.b" if q.endswith("xã") else "II.1.a"
        state.pending, state.last_clauses = None, [clause]
        return _reply(f"Theo mục {clause}: trình độ trung cấp trở lên.", state, intent="requirements",
                      html_text=f"Theo mục <b>{clause}</b>: trình độ <i>trung cấp</i> trở lên.", clauses=[clause])
    if q.startswith("nhiều mục"):
        return _reply("Xem mục II.1.a và II.1.b.", state, clauses=["II.1.a", "II.1.b"])
    if q.startswith("dài"):
        paragraphs = [f"{i}. {LONG_PARAGRAPH * 4}" for i in range(1, 31)]
        body = "\n\n".join(html.escape(p) for p in paragraphs)
        return _reply("\n\n".join(paragraphs), state, html_text=f"<b>Trả lời dài</b>\n\n<blockquote>{body}</blockquote>",
                      clauses=["II.2.b"])
    if q.startswith("hỏng html"):
        return _reply("Trả lời <có dấu nhỏ hơn>", state, html_text="Trả lời <div>hỏng</div>")
    if q.startswith("lỗi"):
        raise RuntimeError(f"scripted failure for {query}")
    return _reply(f"Chưa có thông tin về: {query}", state, "fallback", intent="unknown", confidence=0.1)


def quote_clause(clause_id: str, state: State | None = None) -> Reply:
    return _reply(f"Mục {clause_id}: nguyên văn.", state, intent="quote", clauses=[clause_id],
                  html_text=f"<b>Mục {html.escape(clause_id)}</b>\n<blockquote>nguyên văn</blockquote>")


def search_plan(keywords: str, state: State | None = None) -> Reply:
    return _reply(f"Tìm «{keywords}»: mục II.1.d.", state, intent="search", clauses=["II.1.d"])


def annex_reply(state: State | None = None) -> Reply:
    return _reply("Tổng cộng 25.950 người.", state, intent="annex", clauses=["PL"])


def document_reply(state: State | None = None) -> Reply:
    return _reply("Kế hoạch 39/KH-UBND ngày 05/12/2011.", state, intent="document", clauses=["CC"])


def requirements_reply(grade: str | None, tier: str | None, state: State | None = None) -> Reply:
    return _reply(f"Yêu cầu cho {grade} ở {tier}.", state, intent="requirements", clauses=["II.1.a"])


def grade_options() -> list[Option]:
    return [Option(label="Cán sự", query="tôi là cán sự"), Option(label="Chuyên viên", query="tôi là chuyên viên"),
            Option(label="Chuyên viên chính", query="tôi là chuyên viên chính")]


def tier_options() -> list[Option]:
    return [Option(label="Cấp tỉnh", query="tôi làm ở cấp tỉnh"), Option(label="Cấp huyện", query="tôi làm ở cấp huyện"),
            Option(label="Cấp xã", query="tôi làm ở cấp xã")]


_GRADES = {"chuyên viên cao cấp": "chuyen_vien_cao_cap", "chuyên viên chính": "chuyen_vien_chinh",
           "chuyên viên": "chuyen_vien", "cán sự": "can_su"}
_TIERS = {"tỉnh": "tinh", "huyện": "huyen", "xã": "xa"}


def _first(table: dict[str, str], texts: tuple[str, ...]) -> str | None:
    for text in texts:
        lowered = (text or "").lower()
        for name in sorted(table, key=len, reverse=True):  # longest name first
            if name in lowered or table[name] == lowered:
                return table[name]
    return None


def profile_of(*texts: str) -> tuple[str | None, str | None]:
    return _first(_GRADES, texts), _first(_TIERS, texts)


def annex_series() -> tuple[list[int], list[tuple[str, list[int]]], list[int]]:
    return [2011, 2012], [("Đào tạo", [10, 20]), ("Bồi dưỡng", [30, 40])], [40, 60]


def staff_template() -> bytes:
    from roster import build_template
    from knowledge import default_kb

    return build_template(default_kb())
