"""The annual reports: a page per year, the report in full and its PDF."""
