"""The status page and everything that tells the service states: incident and maintenance pages, the feeds, the
calendar, status.json, badges and the banner on every page."""
