"""Charts are inline SVG with escaped, literal text and the CJK font named."""

from __future__ import annotations

from pipelines.report.charts import campaign_roas, team_attainment
from pipelines.report.model import CampaignRow


def test_chart_text_is_escaped_and_literal():
    campaign = CampaignRow("k1", "<script>x</script> $5 & co", None, None, 100, 50, 1, 0.5, -0.5)
    svg = campaign_roas([campaign], {"title": "营销活动 ROAS"})
    assert svg.startswith("<svg") and "<script" not in svg
    assert "&lt;script&gt;x&lt;/script&gt; $5 &amp; co" in svg  # `$` did not start mathtext
    assert "营销活动 ROAS" in svg and "Noto Sans CJK SC" in svg
    assert 'id="campaign_roas-figure_1"' in svg


def test_no_chart_without_data():
    assert campaign_roas([], {"title": "x"}) is None
    assert team_attainment([], {"title": "x"}, 0.8) is None
