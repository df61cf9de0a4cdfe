"""Dose amounts in text: the validator rejects them and the composer never quotes them.

A dose amount is a number (digits or a number word) followed by a unit of drug quantity, or a
phrase such as "a gram" or "half a bump". Years, percentages, prices, prison terms and counts of
people are not dose amounts.
"""

from __future__ import annotations

import re

_NUMBER = r"""(?:
    \d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?      # 50, 0.5, 1,5, 20-40, 1 to 2
  | (?:half|quarter|one|two|three|four|five|six|seven|eight|nine|ten|twelve|
       a\s+couple\s+of|a\s+few|several|a|an)
)"""
_UNIT = r"""(?:
    mg(?:\s*/\s*kg)? | milligrams? | mcg | µg | μg | ug | micrograms? | ng(?:\s*/\s*ml)?
  | g | gr | grams? | grammes? | kg | ml | millilit(?:re|er)s? | cc | units?
  | sprays? | puffs? | bumps? | lines? | keys? | tabs? | tablets? | pills? | drops? | doses?\s+of
  | points? | baggies? | bags?
)"""
_DOSE = re.compile(
    rf"(?<![\w.]){_NUMBER}\s*(?:of\s+a\s+)?{_UNIT}(?![\w])",
    re.IGNORECASE | re.VERBOSE,
)
# Words that look like units but are ordinary in prose when preceded by "a"/"an"/"one": keep
# "a line of treatment", "one line of evidence" and "a unit" out of the dose check.
_ORDINARY = re.compile(
    r"\b(?:a|an|one|first|second|third|several|a\s+few)\s+(?:line|lines|unit|units|point|points|"
    r"doses\s+of|bag|bags|key|keys|tab|tabs)\b",
    re.IGNORECASE,
)


def find_dose_amount(text: str) -> str | None:
    """The first dose amount in `text` ("0.5 mg/kg", "a gram", "two sprays"), or None."""
    for match in _DOSE.finditer(text):
        if _ORDINARY.fullmatch(match.group(0).strip()):
            continue
        return match.group(0).strip()
    return None
