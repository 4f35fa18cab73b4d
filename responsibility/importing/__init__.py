"""Reading work plans (工作要点) and responsibility tables into draft plans, and writing them back out."""

from pathlib import Path

# Real documents shipped with the importer: the demo builds its plan from one, the tests read them.
SAMPLES = Path(__file__).parent / "samples"
