"""The periodic progress line."""

from careerscrape.extensions.progress import progress_line


def test_progress_line_counts_pages_records_rejects_rate_and_queue() -> None:
    stats = {
        "response_received_count": 1200,
        "careerscrape/records/role": 500,
        "careerscrape/records/comparison": 600,
        "careerscrape/rejects": 12,
    }
    assert progress_line(stats, queued=340, elapsed=60.0, pages_before=1105) == (
        "progress: 1200 pages done, 1100 records, 12 rejects, 95 pages/min, 340 queued"
    )


def test_progress_line_before_anything_happened() -> None:
    assert progress_line({}, queued=0, elapsed=0.0, pages_before=0) == (
        "progress: 0 pages done, 0 records, 0 rejects, 0 pages/min, 0 queued"
    )
