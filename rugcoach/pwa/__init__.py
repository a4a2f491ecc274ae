"""The installable, offline side of RugCoach: service worker, web app manifest, icons.

Not a Django app with models: views, a middleware and the service worker's source.
docs/player.md "Offline and installing" describes how it works.
"""
