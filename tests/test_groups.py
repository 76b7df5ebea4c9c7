"""The groups of an alignment while it is made: rows read one by one, and leftovers joining pairs."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random
from storydiff import groups
from storydiff.align import AlignmentThresholds
from storydiff.features import SentenceVectorizer
from storydiff.groups import WorkingGroups, attach_leftovers


@pytest.fixture
def matrix():
    return sparse_random(40, 300, density=0.05, format="csr", random_state=3)


def test_rows_are_the_rows_of_the_dense_matrix(matrix, monkeypatch):
    monkeypatch.setattr(groups._DenseRows, "KEEP", 4)  # rows forgotten and made again
    dense = matrix.toarray()
    rows = groups._DenseRows(matrix)
    for row in [0, 5, 39, 5, 12, 0, 7, 8, 9, 10, 39]:
        assert np.array_equal(rows[row], dense[row])
    assert len(rows.rows) <= 4
    assert np.array_equal(rows.total([3, 8, 21]), dense[[3, 8, 21]].sum(axis=0))


def test_rows_of_a_matrix_with_repeated_entries_are_summed():
    repeated = csr_matrix(
        (np.array([1.0, 2.0, 4.0]), np.array([1, 1, 2]), np.array([0, 3, 3])), shape=(2, 4)
    )
    assert not repeated.has_canonical_format
    rows = groups._DenseRows(repeated)
    assert rows[0].tolist() == [0.0, 3.0, 4.0, 0.0] and rows[1].tolist() == [0.0] * 4
    assert not repeated.has_canonical_format  # the caller's matrix is left as it was


def test_a_sum_of_rows_adds_them_as_a_product_with_ones_does(matrix):
    for rows in ([0], [2, 3], [1, 10, 20, 30, 39], []):
        selector = np.zeros(matrix.shape[0])
        selector[rows] = 1.0
        assert np.array_equal(groups._row_sum(matrix, rows), matrix.T @ selector)


def test_a_sentence_split_in_two_joins_its_pair():
    a = ["The mayor resigned on Monday after the vote and left the city for good."]
    b = [
        "Rain fell.",
        "The mayor resigned on Monday.",
        "After the vote she left the city for good.",
    ]
    word, char = SentenceVectorizer().fit_transform(a + b)
    working = WorkingGroups((word[:1], char[:1]), (word[1:], char[1:]), 0.5)
    working.add([0], [1])
    attach_leftovers(working, 1, 3, AlignmentThresholds())
    assert working.members == [([0], [1, 2])]  # "Rain fell." stays out
    assert working.group_of_b == {1: 0, 2: 0}
    assert 0.5 < working.score([0], [1, 2]) <= 1.0
    assert working.score([0], [1, 2]) > working.score([0], [1])


def test_a_moved_pair_takes_no_leftover():
    a = ["The mayor resigned on Monday after the vote and left the city for good."]
    b = ["The mayor resigned on Monday.", "After the vote she left the city for good."]
    word, char = SentenceVectorizer().fit_transform(a + b)
    working = WorkingGroups((word[:1], char[:1]), (word[1:], char[1:]), 0.5)
    working.add([0], [0], moved=True)
    attach_leftovers(working, 1, 2, AlignmentThresholds())
    assert working.members == [([0], [0])]
