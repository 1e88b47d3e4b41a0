"""The service catalogue: its pages and the e-brochure (one page and its PDF)."""
