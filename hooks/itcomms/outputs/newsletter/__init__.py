"""The monthly newsletter: its pages, its feed and the email-ready export."""
