"""After a deploy: tell Teams, Slack and an email list about each status update once (``notify``).

Nothing here is part of the build: it reads what the build wrote (the status
feed) and what the live site serves, and posts to the channels configured in
the environment.
"""
