"""Batch passes (scan, import) pause the cyclic garbage collector, and always turn it back on."""

from __future__ import annotations

import gc
import json

import pytest

from provenance.detect.base import _names_figure
from provenance.ledger import gc_pause


def test_the_collector_is_back_on_after_a_block_that_fails():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_pause.paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with gc_pause.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_scan_and_a_refused_import_leave_the_collector_on(cli, tmp_path):
    cli("demo", "--no-report")
    cli("conflicts", "scan")
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"claims": [{"source": "nowhere", "quote": "x", "subject": "A", "property": "p"}]}))
    before = cli.snapshot()
    result = cli("import", str(bad), ok=False)
    assert result.exit_code != 0 and cli.snapshot() == before
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("figure", "text", "named"),
    [
        ("288", "275 and not 288", True),
        ("288", "2,288 were counted", False),  # inside a larger number
        ("288", "288,000 people", False),
        ("12", "12.5 per cent", True),  # a decimal after it is another figure's tail: as before
        ("5", "2.5 million", False),  # after a decimal point
        ("88", "revised from 88.", True),
        ("88", "", False),
        ("1,200", "not 1,200 but 1,100", True),
    ],
)
def test_a_figure_is_named_only_as_a_number_of_its_own(figure, text, named):
    assert _names_figure(figure, text) is named
