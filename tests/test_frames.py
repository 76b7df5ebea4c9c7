"""typed_frame(): the types and values of DataFrame(rows).astype(dtypes), converting less."""

from __future__ import annotations

import pandas as pd
import pytest
from storydiff.frames import typed_frame

COLUMNS = ["sentence", "term", "weight", "start", "harm", "agent"]
DTYPES = {"weight": float, "start": "int64", "harm": bool, "agent": object}


@pytest.mark.parametrize(
    "rows",
    [
        [],  # an empty table still has its types
        [(0, "killed", 1, 4, True, None)],  # an int weight becomes a float
        [(0, "killed", 1.0, 4, True, "police"), (2, "died", 0.5, 90, False, None)],
        [{"sentence": 1, "term": "war", "weight": 2, "start": 7, "harm": 0, "agent": "army"}],
    ],
)
def test_same_types_and_values_as_astype(rows):
    expected = pd.DataFrame(rows, columns=COLUMNS).astype(DTYPES)
    found = typed_frame(rows, COLUMNS, DTYPES)
    pd.testing.assert_frame_equal(found, expected)
    assert found["agent"].dtype == object and found["start"].dtype == "int64"


def test_an_unknown_column_is_an_error_as_with_astype():
    with pytest.raises(KeyError):
        typed_frame([(1,)], ["a"], {"b": "int64"})
