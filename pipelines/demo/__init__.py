"""Demo CRM extract generator: realistic monthly folders that follow the extract contract."""

from pipelines.demo.generator import GenerationSummary, MonthSummary, generate
from pipelines.demo.scales import SCALES

__all__ = ["SCALES", "GenerationSummary", "MonthSummary", "generate"]
