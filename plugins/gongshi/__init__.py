"""gongshi (公示): a static-site generator for 行政执法公示 data.

One Pelican plugin per pipeline stage, run in this order by `pipeline.py`:
feeds -> privacy -> schedule -> pages -> search -> opendata. `cli.py` is the staff command line;
`settings.py` declares every setting; `output.py` writes the site.
"""
