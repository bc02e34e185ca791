"""End to end through the real bot process and the loopback Zalo API, with Kế hoạch 39 and the made-up test plan
(tests/data/plans, TEST DATA) loaded side by side: 'which document?', a numbered choice, a follow-up in it."""

import os
from pathlib import Path

from zalo_server.fixtures import start_harness

from knowledge.loader import DATA_DIR, load_kb

TEST_PLAN = Path(__file__).parent / "data" / "plans" / "kh_thu.yaml"


async def test_a_channel_asks_which_document_and_stays_in_the_one_chosen(tmp_path):
    test = load_kb(TEST_PLAN).document
    plans = os.pathsep.join([str(DATA_DIR), str(TEST_PLAN.parent)])
    harness = await start_harness(tmp_path, BOT_PLAN_DIRS=plans)
    try:
        [asked] = await harness.ask("u300", "ai ký kế hoạch")
        assert "văn bản nào" in asked.text and test.short in asked.text
        [chosen] = await harness.ask("u300", "2")
        assert test.signer.name in chosen.text and f"Nguồn: {test.short}" in chosen.text
        [follow] = await harness.ask("u300", "tổng số người bồi dưỡng")
        assert f"Nguồn: {test.short}" in follow.text
        assert harness.api.errors == []
    finally:
        await harness.bot.stop()
        await harness.api.stop()
