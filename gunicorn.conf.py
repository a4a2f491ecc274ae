# gunicorn reads this file from the working directory. The access log is off unless
# --access-logfile is given; when it is on, paths are redacted (no calendar tokens).
logger_class = "rugcoach.gunicorn_logging.RedactingLogger"
